package org.creditgate.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.creditgate.audit.QueryLogWriter;
import org.creditgate.disclose.RecordLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("LookupAdmission")
class LookupAdmissionTest {

    @Test
    @DisplayName("admits up to its bound, refuses beyond it, and admits again when a place is given back")
    void boundsLookupsInFlight() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LookupAdmission admission = new LookupAdmission(2, registry);
        assertThat(admission.tryEnter()).isTrue();
        assertThat(admission.tryEnter()).isTrue();
        assertThat(admission.tryEnter()).isFalse();
        assertThat(admission.tryEnter()).isFalse();
        assertThat(registry.get("creditgate.lookup.in_flight").gauge().value()).isEqualTo(2.0);
        assertThat(registry.get("creditgate.lookup.refused").tag("reason", "in_flight").counter().count())
                .isEqualTo(2.0);
        admission.leave();
        assertThat(admission.tryEnter()).isTrue();
        assertThat(admission.tryEnter()).isFalse();
    }

    @Test
    @DisplayName("tells refusals of an instance that is behind (loader, query log) from failures, and counts them")
    void countsRefusalsOfAnInstanceBehind() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LookupAdmission admission = new LookupAdmission(1, registry);
        assertThat(admission.refusedBehind(new RecordLoader.LoaderBusyException(3))).isTrue();
        assertThat(admission.refusedBehind(new QueryLogWriter.QueryLogBehindException(3))).isTrue();
        assertThat(admission.refusedBehind(new QueryLogWriter.QueryLogBehindException(3))).isTrue();
        assertThat(admission.refusedBehind(new IllegalStateException("connection closed"))).isFalse();
        assertThat(registry.get("creditgate.lookup.refused").tag("reason", "loader_busy").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("creditgate.lookup.refused").tag("reason", "query_log_behind").counter().count())
                .isEqualTo(2.0);
    }
}
