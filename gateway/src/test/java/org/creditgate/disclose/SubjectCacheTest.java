package org.creditgate.disclose;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Subject cache: a load that raced with an announced change is never kept")
class SubjectCacheTest {

    private static final String A = "914403001922038216";
    private static final String B = "11440300MB2C9460XM";

    private SubjectCache cache;

    @BeforeEach
    void listening() {
        cache = new SubjectCache(1_000, Duration.ofMinutes(5), new SimpleMeterRegistry());
        cache.startListening();
    }

    /** One loaded value per subject, so a test can tell the very value it put from any other. */
    private final Map<String, SubjectRecords> loaded = new java.util.HashMap<>();

    private SubjectRecords records(String subject) {
        return loaded.computeIfAbsent(subject, code -> new SubjectRecords(code, List.of(), false));
    }

    @Test
    @DisplayName("a load is kept; an announced change drops it")
    void keepsUntilChanged() {
        cache.putIfUnchangedSince(cache.stamp(), Map.of(A, records(A), B, records(B)));
        assertThat(cache.get(A)).isSameAs(records(A));

        cache.changed(List.of(A));
        assertThat(cache.get(A)).isNull();
        assertThat(cache.get(B)).isSameAs(records(B));
    }

    @Test
    @DisplayName("a load started before a change of its subject is not kept; one started after it is")
    void loadRacingAChange() {
        long before = cache.stamp();
        cache.changed(List.of(A));
        cache.putIfUnchangedSince(before, Map.of(A, records(A), B, records(B)));
        assertThat(cache.get(A)).isNull();
        assertThat(cache.get(B)).isSameAs(records(B));

        cache.putIfUnchangedSince(cache.stamp(), Map.of(A, records(A)));
        assertThat(cache.get(A)).isSameAs(records(A));
    }

    @Test
    @DisplayName("however many other subjects change meanwhile, the change of a load's subject is not forgotten")
    void manyChangesForgetNothing() {
        long before = cache.stamp();
        cache.changed(List.of(A));
        for (int i = 0; i < 300_000; i++) {
            cache.changed(List.of("S" + i));
        }
        cache.putIfUnchangedSince(before, Map.of(A, records(A)));
        assertThat(cache.get(A)).isNull();
    }

    @Test
    @DisplayName("nothing is kept while announcements cannot be heard, nor a load started before they could")
    void onlyWhileListening() {
        long before = cache.stamp();
        cache.stopListening();
        cache.putIfUnchangedSince(cache.stamp(), Map.of(A, records(A)));
        assertThat(cache.get(A)).isNull();

        cache.startListening();
        cache.putIfUnchangedSince(before, Map.of(A, records(A)));
        assertThat(cache.get(A)).isNull();
        cache.putIfUnchangedSince(cache.stamp(), Map.of(A, records(A)));
        assertThat(cache.get(A)).isSameAs(records(A));
    }
}
