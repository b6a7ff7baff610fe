package org.creditgate.audit;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** The log chain through the gateway's pool: its verification, its head, and its signed checkpoints. */
public final class ChainQueries {

    private static final String LAST_CHECKPOINT = "SELECT max(seq) AS seq FROM log_checkpoints";
    private static final String INSERT_CHECKPOINT = """
            INSERT INTO log_checkpoints (seq, head_hash, entries, signed_at, public_key, signature)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (seq, public_key) DO NOTHING
            """;
    private static final String CHECKPOINTS_BEFORE = """
            SELECT id, seq, head_hash, entries, signed_at, public_key, signature FROM log_checkpoints
            WHERE $1::bigint IS NULL OR id < $1
            ORDER BY id DESC
            LIMIT $2
            """;

    private final Pool pool;

    public ChainQueries(Pool pool) {
        this.pool = pool;
    }

    /**
     * Reads the whole chain, in one snapshot, through a cursor ({@link ChainSql#PAGE} rows at a time), and
     * checks it. Between pages the event loop is free.
     */
    public Future<VerifyResult> verify(Collection<byte[]> trustedKeys) {
        ChainVerifier verifier = new ChainVerifier(trustedKeys);
        return pool.withTransaction(conn -> conn.query(ChainSql.SNAPSHOT).execute()
                .compose(ignored -> conn.query(ChainSql.ANCHOR).execute())
                .compose(anchors -> {
                    for (Row row : anchors) {
                        verifier.anchor(new RowColumns(row).checkpoint());
                    }
                    return conn.prepare(ChainSql.ENTRIES);
                })
                .compose(statement -> {
                    Cursor cursor = statement.cursor();
                    return pages(conn, cursor, verifier, verifier.anchorSeq()).eventually(cursor::close);
                })
                .compose(checkedThrough -> expectCheckpoints(conn, verifier, checkedThrough, Long.MAX_VALUE))
                .compose(ignored -> conn.query(ChainSql.HEAD).execute())
                .map(rows -> {
                    ChainHead head = null;
                    for (Row row : rows) {
                        head = new ChainHead(row.getLong("seq"), bytes(row, "hash"));
                    }
                    return verifier.finish(head);
                }));
    }

    public Future<ChainHead> head() {
        return pool.query(ChainSql.HEAD).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new ChainHead(row.getLong("seq"), bytes(row, "hash"));
        });
    }

    /** The highest seq any checkpoint vouches for; 0 when there is none. */
    public Future<Long> lastCheckpointSeq() {
        return pool.query(LAST_CHECKPOINT).execute().map(rows -> {
            Long seq = rows.iterator().next().getLong("seq");
            return seq == null ? 0L : seq;
        });
    }

    public Future<Void> insert(Checkpoint checkpoint) {
        return pool.preparedQuery(INSERT_CHECKPOINT).execute(Tuple.of(checkpoint.seq(),
                        Buffer.buffer(checkpoint.headHash()), checkpoint.entries(),
                        checkpoint.signedAt().atOffset(ZoneOffset.UTC), Buffer.buffer(checkpoint.publicKey()),
                        Buffer.buffer(checkpoint.signature())))
                .mapEmpty();
    }

    /** Checkpoints, newest first; {@code before} is the cursor of a previous page (null: from the newest). */
    public Future<CheckpointPage> checkpoints(Long before, int limit) {
        return pool.preparedQuery(CHECKPOINTS_BEFORE)
                .execute(Tuple.of(before, limit + 1)).map(rows -> {
                    List<Checkpoint> checkpoints = new ArrayList<>();
                    long lastId = 0;
                    Long next = null;
                    for (Row row : rows) {
                        if (checkpoints.size() == limit) {
                            next = lastId;
                            break;
                        }
                        checkpoints.add(new RowColumns(row).checkpoint());
                        lastId = row.getLong("id");
                    }
                    return new CheckpointPage(checkpoints, next);
                });
    }

    /** @param nextBefore the cursor of the next (older) page; null on the last page */
    public record CheckpointPage(List<Checkpoint> checkpoints, Long nextBefore) {
    }

    /** Feeds the verifier page by page; completes with the highest seq whose checkpoints were given to it. */
    private static Future<Long> pages(SqlConnection conn, Cursor cursor, ChainVerifier verifier,
                                      long checkpointsThrough) {
        return cursor.read(ChainSql.PAGE).compose(rows -> {
            long pageEnd = checkpointsThrough;
            for (Row row : rows) {
                Long seq = row.getLong("seq");
                if (seq != null && seq > pageEnd) {
                    pageEnd = seq;
                }
            }
            long through = pageEnd;
            return expectCheckpoints(conn, verifier, checkpointsThrough, through).compose(ignored -> {
                for (Row row : rows) {
                    verifier.entry(new RowColumns(row).entry());
                }
                return cursor.hasMore() ? pages(conn, cursor, verifier, through) : Future.succeededFuture(through);
            });
        });
    }

    private static Future<Void> expectCheckpoints(SqlConnection conn, ChainVerifier verifier, long after,
                                                  long upTo) {
        if (upTo <= after) {
            return Future.succeededFuture();
        }
        return conn.preparedQuery(ChainSql.CHECKPOINTS_BETWEEN).execute(Tuple.of(after, upTo)).map(rows -> {
            for (Row row : rows) {
                verifier.expect(new RowColumns(row).checkpoint());
            }
            return null;
        });
    }

    private static byte[] bytes(Row row, String column) {
        Buffer buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }

    private record RowColumns(Row row) implements LogColumns {

        @Override
        public String text(String column) {
            return row.getString(column);
        }

        @Override
        public Long number(String column) {
            return row.getLong(column);
        }

        @Override
        public OffsetDateTime time(String column) {
            return row.getOffsetDateTime(column);
        }

        @Override
        public List<String> texts(String column) {
            String[] values = row.getArrayOfStrings(column);
            return values == null ? null : Arrays.asList(values);
        }

        @Override
        public byte[] bytes(String column) {
            return ChainQueries.bytes(row, column);
        }
    }
}
