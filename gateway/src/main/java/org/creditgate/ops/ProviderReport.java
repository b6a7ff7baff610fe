package org.creditgate.ops;

import io.vertx.core.Future;
import org.creditgate.calendar.PlatformCalendar;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Each provider's figures for today and this month with its light, as {@code GET /admin/stats/providers} answers
 * them. Every report also refreshes the light gauge, so the metric never lags what an operator was shown.
 */
public final class ProviderReport {

    private final ProviderStatsQueries stats;
    private final ProviderLight light;
    private final ProviderLightGauge gauge;
    private final Clock clock;

    public ProviderReport(ProviderStatsQueries stats, ProviderLight light, ProviderLightGauge gauge, Clock clock) {
        this.stats = stats;
        this.light = light;
        this.gauge = gauge;
        this.clock = clock;
    }

    public record Line(ProviderStatsQueries.Figures figures, ProviderLight.Light light) {
    }

    public Future<List<Line>> current() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(PlatformCalendar.ZONE));
        OffsetDateTime dayStart = now.toLocalDate().atStartOfDay(PlatformCalendar.ZONE).toOffsetDateTime();
        OffsetDateTime monthStart = now.toLocalDate().withDayOfMonth(1).atStartOfDay(PlatformCalendar.ZONE).toOffsetDateTime();
        return stats.figures(dayStart, monthStart).map(figures -> {
            List<Line> lines = figures.stream()
                    .map(f -> new Line(f, light.of(now.toInstant(), f.lastSubmission().map(OffsetDateTime::toInstant),
                            f.acceptedMonth(), f.rejectedMonth())))
                    .toList();
            gauge.show(lines);
            return lines;
        });
    }
}
