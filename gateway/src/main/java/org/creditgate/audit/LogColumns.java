package org.creditgate.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One row of {@link ChainSql#ENTRIES} or {@link ChainSql#CHECKPOINTS_BETWEEN}, whatever client read it: the
 * gateway's reactive pool or the offline check's JDBC connection. Every getter returns null for SQL NULL.
 */
interface LogColumns {

    String text(String column);

    Long number(String column);

    OffsetDateTime time(String column);

    List<String> texts(String column);

    byte[] bytes(String column);

    /** The entry this row of {@link ChainSql#ENTRIES} is, with its content recomputed from its columns. */
    default ChainEntry entry() {
        String log = text("log");
        Long seq = number("seq");
        byte[] content = CanonicalContent.COLLECTION_LOG.equals(log)
                ? CanonicalContent.collectionEntry(seq, number("id"), text("entry_id"), text("client_id"),
                        text("category"), text("channel"), number("received"), number("accepted"),
                        number("rejected"), text("rejected_by_code"), text("outcome"), time("started_at"),
                        time("logged_at"))
                : CanonicalContent.queryEntry(seq, number("id"), text("entry_id"), text("client_id"), text("role"),
                        text("channel"), text("reason"), text("on_behalf_of"), texts("subjects"),
                        texts("categories"), time("logged_at"));
        return new ChainEntry(log, seq, bytes("prev_hash"), bytes("hash"), content);
    }

    /** The checkpoint this row of {@link ChainSql#CHECKPOINTS_BETWEEN} is. */
    default Checkpoint checkpoint() {
        OffsetDateTime signedAt = time("signed_at");
        Instant at = signedAt == null ? Instant.EPOCH : signedAt.toInstant();
        return new Checkpoint(number("seq"), bytes("head_hash"), number("entries"), at, bytes("public_key"),
                bytes("signature"));
    }
}
