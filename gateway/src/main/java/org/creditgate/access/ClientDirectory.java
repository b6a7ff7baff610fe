package org.creditgate.access;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Who holds which key. Authentication runs on every request, so resolved keys are cached briefly; a rotated key
 * is dropped from this instance's cache at once and ages out of the others' within {@link #KEY_CACHE_TTL}.
 *
 * <p>A key in use is read again in the background once its entry is {@link #KEY_REFRESH} old, while requests go on
 * with the entry they have; and the requests that find no entry share one read of the database. Thousands of
 * requests a second with one key then cost one query a second, never a burst of them each time an entry expires
 * (a burst that, on a busy database, filled the pool's wait queue and turned requests away).
 */
public final class ClientDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ClientDirectory.class);
    static final Duration KEY_CACHE_TTL = Duration.ofSeconds(2);
    static final Duration KEY_REFRESH = Duration.ofSeconds(1);
    public static final String ADMIN_CLIENT_ID = "admin";

    private final ClientQueries queries;
    /** key hash (hex) → the client holding it, or empty for an unknown key (so guessing does not hammer the database) */
    private final AsyncLoadingCache<String, Optional<Client>> byKey;
    private final AsyncLoadingCache<String, Optional<Client>> byId;

    public ClientDirectory(ClientQueries queries) {
        this.queries = queries;
        this.byKey = sharedReads(hex -> queries.byKeyHash(HexFormat.of().parseHex(hex)));
        this.byId = sharedReads(queries::byId);
    }

    private static AsyncLoadingCache<String, Optional<Client>> sharedReads(
            Function<String, Future<Optional<Client>>> read) {
        return Caffeine.newBuilder()
                .expireAfterWrite(KEY_CACHE_TTL)
                .refreshAfterWrite(KEY_REFRESH)
                .maximumSize(100_000)
                // the read only starts a query: it runs on the caller's thread, no pool of its own needed
                .executor(Runnable::run)
                .buildAsync((key, executor) -> read.apply(key).toCompletionStage().toCompletableFuture());
    }

    /**
     * The cached answer at once when there is one; otherwise the shared read, completed on the caller's context
     * (a failed read is not cached: the next request reads again).
     */
    private static Future<Optional<Client>> get(AsyncLoadingCache<String, Optional<Client>> cache, String key) {
        CompletableFuture<Optional<Client>> entry = cache.get(key);
        if (entry.isDone() && !entry.isCompletedExceptionally()) {
            return Future.succeededFuture(entry.join());
        }
        Context context = Vertx.currentContext();
        return context == null ? Future.fromCompletionStage(entry) : Future.fromCompletionStage(entry, context);
    }

    /** The client holding this key, if the key is known and active. */
    public Future<Optional<Client>> authenticate(String apiKey) {
        return get(byKey, HexFormat.of().formatHex(ApiKeys.hash(apiKey)));
    }

    /** A client by id (a client certificate names one), cached as briefly as keys are. */
    public Future<Optional<Client>> byId(String clientId) {
        return get(byId, clientId);
    }

    /** Registers a client and returns its first key, which is not stored anywhere in clear. */
    public Future<String> register(NewClient client) {
        String key = ApiKeys.generate();
        return queries.insert(client, ApiKeys.hash(key)).map(key);
    }

    public Future<List<Client>> all() {
        return queries.all();
    }

    /** Replaces every key of the client with a new one; empty when there is no such client. */
    public Future<Optional<String>> rotateKey(String clientId) {
        String key = ApiKeys.generate();
        return queries.replaceKeys(clientId, ApiKeys.hash(key)).map(found -> {
            if (!found) {
                return Optional.<String>empty();
            }
            forget(clientId);
            return Optional.of(key);
        });
    }

    /**
     * Makes sure the operator can get in: the configured admin key is made valid, or on the very first start
     * (no admin client yet) a key is generated and returned so it can be shown once.
     */
    public Future<Optional<String>> bootstrapAdmin(Optional<String> configuredKey) {
        NewClient admin = new NewClient(ADMIN_CLIENT_ID, "platform operator", Role.ADMIN, List.of(),
                OptionalInt.empty(), OptionalInt.empty());
        return queries.pool().withTransaction(tx -> queries.insertIfAbsent(tx, admin).compose(created -> {
            if (configuredKey.isPresent()) {
                return queries.addKeyIfAbsent(tx, ADMIN_CLIENT_ID, ApiKeys.hash(configuredKey.get()))
                        .map(Optional.<String>empty());
            }
            if (created) {
                String key = ApiKeys.generate();
                return queries.addKeyIfAbsent(tx, ADMIN_CLIENT_ID, ApiKeys.hash(key)).map(Optional.of(key));
            }
            return Future.succeededFuture(Optional.<String>empty());
        })).onSuccess(generated -> LOG.info("admin client ready{}", generated.isPresent() ? " (new key generated)" : ""));
    }

    private void forget(String clientId) {
        byKey.synchronous().asMap().entrySet()
                .removeIf(e -> e.getValue().map(c -> c.id().equals(clientId)).orElse(false));
        byId.synchronous().invalidate(clientId);
    }
}
