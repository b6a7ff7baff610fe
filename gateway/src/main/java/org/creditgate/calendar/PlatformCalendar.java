package org.creditgate.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The platform's calendar: its days and months are those of Asia/Shanghai, whatever the server's time zone. Daily
 * quotas reset, disclosure periods end, log partitions and retention count months, and birth dates are judged by
 * this one calendar.
 */
public final class PlatformCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private PlatformCalendar() {
    }

    /** Today on the platform, by the given clock. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }
}
