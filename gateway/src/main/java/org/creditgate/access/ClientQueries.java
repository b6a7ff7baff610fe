package org.creditgate.access;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The SQL of clients and their keys. Statements are prepared once per connection by the pool's cache. */
public final class ClientQueries {

    private static final String COLUMNS = "c.id, c.name, c.role, c.categories, c.requests_per_second, "
            + "c.subjects_per_day, c.created_at";
    private static final String INSERT_CLIENT = "INSERT INTO clients (id, name, role, categories, "
            + "requests_per_second, subjects_per_day) VALUES ($1, $2, $3, $4, $5, $6)";
    private static final String INSERT_KEY = "INSERT INTO api_keys (key_hash, client_id) VALUES ($1, $2)";
    private static final String REVOKE_KEYS = "UPDATE api_keys SET revoked_at = now() "
            + "WHERE client_id = $1 AND revoked_at IS NULL";
    private static final String ALL = "SELECT " + COLUMNS + " FROM clients c ORDER BY c.id";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM clients c WHERE c.id = $1";
    private static final String BY_KEY = "SELECT " + COLUMNS + ", k.key_hash FROM api_keys k "
            + "JOIN clients c ON c.id = k.client_id WHERE k.key_hash = $1 AND k.revoked_at IS NULL";
    private static final String KEY_EXISTS = "SELECT 1 FROM api_keys WHERE key_hash = $1";

    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;

    public ClientQueries(Pool pool) {
        this.pool = pool;
    }

    /** Registers a client with its first key; fails with {@link DuplicateClientException} when the id is taken. */
    public Future<Void> insert(NewClient client, byte[] keyHash) {
        return pool.withTransaction(tx -> tx.preparedQuery(INSERT_CLIENT)
                        .execute(Tuple.of(client.id(), client.name(), client.role().wireName(),
                                client.categories().toArray(new String[0]),
                                boxed(client.requestsPerSecond()), boxed(client.subjectsPerDay())))
                        .compose(ignored -> tx.preparedQuery(INSERT_KEY).execute(Tuple.of(keyHash, client.id()))))
                .<Void>mapEmpty()
                .recover(failure -> isUniqueViolation(failure)
                        ? Future.failedFuture(new DuplicateClientException(client.id()))
                        : Future.failedFuture(failure));
    }

    public Future<List<Client>> all() {
        return pool.query(ALL).execute().map(ClientQueries::clients);
    }

    public Future<Optional<Client>> byId(String id) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> clients(rows).stream().findFirst());
    }

    /** The client holding this active key, compared in constant time once the row is found. */
    public Future<Optional<Client>> byKeyHash(byte[] keyHash) {
        return pool.preparedQuery(BY_KEY).execute(Tuple.of(keyHash)).map(rows -> {
            for (Row row : rows) {
                if (ApiKeys.matches(row.getBuffer("key_hash").getBytes(), keyHash)) {
                    return Optional.of(client(row));
                }
            }
            return Optional.empty();
        });
    }

    /** Revokes every active key of the client and installs the new one; false when there is no such client. */
    public Future<Boolean> replaceKeys(String clientId, byte[] keyHash) {
        return pool.withTransaction(tx -> tx.preparedQuery(BY_ID).execute(Tuple.of(clientId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(false);
                    }
                    return tx.preparedQuery(REVOKE_KEYS).execute(Tuple.of(clientId))
                            .compose(ignored -> tx.preparedQuery(INSERT_KEY).execute(Tuple.of(keyHash, clientId)))
                            .map(true);
                }));
    }

    /** Adds a key to a client without revoking the others (the configured admin key). */
    public Future<Void> addKeyIfAbsent(SqlClient client, String clientId, byte[] keyHash) {
        return client.preparedQuery(KEY_EXISTS).execute(Tuple.of(keyHash)).compose(rows -> rows.size() > 0
                ? Future.succeededFuture()
                : client.preparedQuery(INSERT_KEY).execute(Tuple.of(keyHash, clientId)).mapEmpty());
    }

    /** Creates a client unless it exists; true when it was created. */
    public Future<Boolean> insertIfAbsent(SqlClient client, NewClient newClient) {
        return client.preparedQuery(INSERT_CLIENT + " ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.of(newClient.id(), newClient.name(), newClient.role().wireName(),
                        newClient.categories().toArray(new String[0]),
                        boxed(newClient.requestsPerSecond()), boxed(newClient.subjectsPerDay())))
                .map(rows -> rows.rowCount() == 1);
    }

    public Pool pool() {
        return pool;
    }

    private static List<Client> clients(RowSet<Row> rows) {
        List<Client> clients = new ArrayList<>(rows.size());
        for (Row row : rows) {
            clients.add(client(row));
        }
        return clients;
    }

    private static Client client(Row row) {
        String[] categories = row.getArrayOfStrings("categories");
        return new Client(
                row.getString("id"),
                row.getString("name"),
                Role.fromWire(row.getString("role")).orElseThrow(),
                categories == null ? List.of() : List.of(categories),
                optional(row.getInteger("requests_per_second")),
                optional(row.getInteger("subjects_per_day")),
                row.getOffsetDateTime("created_at"));
    }

    private static Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }
}
