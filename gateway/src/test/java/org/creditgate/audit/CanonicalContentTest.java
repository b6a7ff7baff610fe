package org.creditgate.audit;

import org.creditgate.config.DatabaseUrl;
import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java side of the canonical content must produce the database's bytes exactly, or every entry would look
 * tampered with; and the encoding must be unambiguous, or a change could keep the hash.
 */
@DisplayName("Canonical content of log entries")
class CanonicalContentTest {

    private static DatabaseUrl database;

    @BeforeAll
    static void createDatabase() {
        database = TestPostgres.freshDatabase();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    @Test
    @DisplayName("a text item is its UTF-8 length, big-endian, then the bytes; NULL is the length -1")
    void textItemLayout() {
        assertThat(CanonicalContent.textItem("ab")).containsExactly(0, 0, 0, 2, 'a', 'b');
        assertThat(CanonicalContent.textItem("信")).containsExactly(0, 0, 0, 3, 0xe4 - 256, 0xbf - 256, 0xa1 - 256);
        assertThat(CanonicalContent.textItem("")).containsExactly(0, 0, 0, 0);
        assertThat(CanonicalContent.textItem(null)).containsExactly(-1, -1, -1, -1);
        assertThat(CanonicalContent.arrayItem(List.of("a"))).containsExactly(0, 0, 0, 1, 0, 0, 0, 1, 'a');
        assertThat(CanonicalContent.arrayItem(List.of())).containsExactly(0, 0, 0, 0);
        assertThat(CanonicalContent.arrayItem(null)).containsExactly(-1, -1, -1, -1);
    }

    @Test
    @DisplayName("moving a separator or a value between neighbours changes the bytes")
    void unambiguous() {
        assertThat(content("a\u001fb", "c")).isNotEqualTo(content("a", "b\u001fc"));
        assertThat(content("", null)).isNotEqualTo(content(null, ""));
        assertThat(CanonicalContent.arrayItem(List.of("a,b"))).isNotEqualTo(CanonicalContent.arrayItem(List.of("a", "b")));
    }

    private static byte[] content(String reason, String onBehalfOf) {
        return CanonicalContent.queryEntry(1L, 1L, "q", "c", "agency", "batch", reason, onBehalfOf, List.of(),
                List.of(), OffsetDateTime.parse("2026-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "plain", "深圳市市场监督管理局", "emoji 🧾 and \u001f unit separator", "quote ' \" \\ ",
            "line\nbreak", "ＦＵＬＬ　ＷＩＤＴＨ"})
    @DisplayName("text items are the database's bytes")
    void textItemsMatchTheDatabase(String value) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT log_text_item(?)")) {
            s.setString(1, value);
            assertThat(single(s)).isEqualTo(CanonicalContent.textItem(value));
        }
    }

    @Test
    @DisplayName("array items and NULLs are the database's bytes")
    void arrayItemsMatchTheDatabase() throws SQLException {
        try (Connection c = connect()) {
            for (List<String> value : Arrays.<List<String>>asList(List.of(), List.of("914403001922038216"),
                    List.of("a", "", "信用"), Arrays.asList("x", null), null)) {
                try (PreparedStatement s = c.prepareStatement("SELECT log_array_item(?)")) {
                    s.setArray(1, value == null ? null : c.createArrayOf("text", value.toArray()));
                    assertThat(single(s)).as(String.valueOf(value)).isEqualTo(CanonicalContent.arrayItem(value));
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT log_text_item(NULL)")) {
                assertThat(single(s)).isEqualTo(CanonicalContent.textItem(null));
            }
        }
    }

    @Test
    @DisplayName("times render in UTC with six fraction digits, whatever the session's TimeZone and DateStyle")
    void timesIgnoreTheSession() throws SQLException {
        try (Connection c = connect(); Statement session = c.createStatement()) {
            session.execute("SET TimeZone = 'Asia/Shanghai'");
            session.execute("SET DateStyle = 'ISO, DMY'");
            for (String text : List.of("2026-05-01T08:00:00.123456+08:00", "2026-05-01T00:00:00Z",
                    "1999-12-31T23:59:59.999999-05:00", "2026-02-28T16:00:00.5Z")) {
                try (PreparedStatement s = c.prepareStatement("SELECT log_time_text(?::timestamptz)")) {
                    s.setString(1, text);
                    try (ResultSet rows = s.executeQuery()) {
                        rows.next();
                        assertThat(rows.getString(1)).isEqualTo(CanonicalContent.timeText(OffsetDateTime.parse(text)));
                    }
                }
            }
        }
        assertThat(CanonicalContent.timeText(OffsetDateTime.parse("2026-05-01T08:00:00.5+08:00")))
                .isEqualTo("2026-05-01T00:00:00.500000Z");
    }

    @Test
    @DisplayName("entries with awkward values, written in one time zone and checked in another, verify")
    void awkwardEntriesVerify() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'Asia/Shanghai'");
            s.execute("SET DateStyle = 'ISO, DMY'");
            s.execute("SELECT log_ensure_partitions('2026-05-01 08:00:01.5+08', now())");
            s.execute("""
                    INSERT INTO collection_log (submission_id, provider, category, channel, received, accepted,
                        rejected, rejected_by_code, outcome, started_at, logged_at)
                    VALUES ('5C9E9C9A-0000-4000-8000-00000000000A', 'sz-amr', 'admin_penalty', 'api', 10, 7, 3,
                            '{"PROHIBITED_FIELD": 1, "INVALID_VALUE": 2, "a": {"z": [1, 2.50]}}', 'interrupted',
                            '2026-05-01 08:00:00.000001+08', '2026-05-01 08:00:01.5+08')""");
            s.execute("""
                    INSERT INTO query_log (query_id, client_id, role, channel, reason, on_behalf_of, subjects,
                        categories)
                    VALUES (gen_random_uuid(), 'r-agency', 'agency', 'batch', E'审查 \\u001f 2026 \\n "x"', NULL,
                            ARRAY['914403001922038216', ''], ARRAY[]::text[])""");
            s.execute("""
                    INSERT INTO query_log (query_id, client_id, role, channel, reason, on_behalf_of, subjects,
                        categories)
                    VALUES (gen_random_uuid(), 'portal', 'portal', 'portal', NULL, '914403001922038216',
                            ARRAY['914403001922038216'], ARRAY['admin_penalty', 'admin_license'])""");
            s.execute("SET TimeZone = 'America/New_York'");
            s.execute("SET DateStyle = 'ISO, YMD'");
            VerifyResult result = JdbcChainCheck.verify(c, List.of());
            assertThat(result.toMap()).containsEntry("ok", true).containsEntry("entries", 3L);
        }
    }

    private static byte[] single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getBytes(1);
        }
    }
}
