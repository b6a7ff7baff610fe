package org.creditgate.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The canonical bytes of a logged entry, hashed into the log chain. They must equal, byte for byte, what the
 * database computes in {@code collection_log_content} and {@code query_log_content} (migration V5):
 * <ul>
 *   <li>a text item is its UTF-8 length as a 4-byte big-endian signed integer followed by the bytes; NULL is the
 *       length -1 with no bytes;</li>
 *   <li>an array item is its element count (4-byte big-endian), then each element as a text item; NULL is -1;</li>
 *   <li>numbers are decimal text, uuids lower-case hyphenated text, jsonb its PostgreSQL text output, times the
 *       UTC instant as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (always six fraction digits);</li>
 *   <li>collection_log: "collection_log", seq, id, submission_id, provider, category, channel, received,
 *       accepted, rejected, rejected_by_code, outcome, started_at, logged_at;</li>
 *   <li>query_log: "query_log", seq, id, query_id, client_id, role, channel, reason, on_behalf_of,
 *       subjects (array), categories (array), logged_at.</li>
 * </ul>
 * Length prefixes make the encoding injective: no value can shift bytes into its neighbour, whatever it holds.
 */
public final class CanonicalContent {

    public static final String COLLECTION_LOG = "collection_log";
    public static final String QUERY_LOG = "query_log";

    /** The chain's canonical time text; {@code to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')}. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

    private CanonicalContent() {
    }

    /** The content of a collection log entry, from its columns as stored. */
    public static byte[] collectionEntry(Long seq, Long id, String submissionId, String provider, String category,
                                         String channel, Long received, Long accepted, Long rejected,
                                         String rejectedByCodeJson, String outcome, OffsetDateTime startedAt,
                                         OffsetDateTime loggedAt) {
        return new CanonicalContent().text(COLLECTION_LOG).number(seq).number(id).text(submissionId)
                .text(provider).text(category).text(channel).number(received).number(accepted).number(rejected)
                .text(rejectedByCodeJson).text(outcome).time(startedAt).time(loggedAt).bytes.toByteArray();
    }

    /** The content of a query log entry, from its columns as stored. */
    public static byte[] queryEntry(Long seq, Long id, String queryId, String clientId, String role, String channel,
                                    String reason, String onBehalfOf, List<String> subjects,
                                    List<String> categories, OffsetDateTime loggedAt) {
        return new CanonicalContent().text(QUERY_LOG).number(seq).number(id).text(queryId).text(clientId)
                .text(role).text(channel).text(reason).text(onBehalfOf).array(subjects).array(categories)
                .time(loggedAt).bytes.toByteArray();
    }

    /** The time as the chain renders it. */
    public static String timeText(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
    }

    CanonicalContent text(String value) {
        if (value == null) {
            length(-1);
            return this;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        length(utf8.length);
        bytes.writeBytes(utf8);
        return this;
    }

    CanonicalContent number(Long value) {
        return text(value == null ? null : value.toString());
    }

    CanonicalContent time(OffsetDateTime value) {
        return text(value == null ? null : timeText(value));
    }

    CanonicalContent array(List<String> values) {
        if (values == null) {
            length(-1);
            return this;
        }
        length(values.size());
        values.forEach(this::text);
        return this;
    }

    private void length(int n) {
        bytes.write(n >>> 24);
        bytes.write(n >>> 16);
        bytes.write(n >>> 8);
        bytes.write(n);
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    /** For tests: a single text item, as {@code log_text_item(text)} encodes it. */
    static byte[] textItem(String value) {
        return new CanonicalContent().text(value).toByteArray();
    }

    /** For tests: a single array item, as {@code log_array_item(text[])} encodes it. */
    static byte[] arrayItem(List<String> values) {
        return new CanonicalContent().array(values).toByteArray();
    }
}
