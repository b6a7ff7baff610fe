package org.creditgate.disclose;

import org.creditgate.catalog.Category;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a record is still inside its disclosure period (DOMAIN.md, "Disclosure periods"). Outside it the record is
 * an archive: no longer disclosed, seen by judicial organs only.
 *
 * <ul>
 *   <li>A category with {@code period_ends_at} (admin_license: {@code valid_to}) and a record that has that date:
 *       disclosed <em>through</em> that day (a licence valid to 2030-06-30 is still shown on 2030-06-30).</li>
 *   <li>Otherwise, a category with a period for the subject's type: disclosed from the start date up to the day
 *       before its anniversary. A P3Y penalty decided 2021-03-15 is shown through 2024-03-14 and not on 2024-03-15:
 *       "three years" are three whole years, and the anniversary is the first day of the fourth. A start on
 *       29 February ends on 28 February of a common year ({@link LocalDate#plus} clamps), so it is shown through the
 *       27th, never longer than the period.</li>
 *   <li>A record that should have a start date and has none is outside its period: when it is unknown how long a
 *       record may be shown, it is not shown (the catalog makes the field required, so this does not happen).</li>
 *   <li>A category without a period (honor, person_basic): no expiry.</li>
 * </ul>
 *
 * <p>{@code today} is the calendar day in Asia/Shanghai, as every day of the API is.
 */
public final class DisclosurePeriod {

    private DisclosurePeriod() {
    }

    public static boolean isInside(Category category, StoredRecord record, LocalDate today) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(today, "today");
        if (category.periodEndsAt().isPresent() && record.periodEnd() != null) {
            return !today.isAfter(record.periodEnd());
        }
        Optional<Period> period = category.periodFor(record.subjectType());
        if (period.isEmpty()) {
            return true;
        }
        if (record.periodStart() == null) {
            return false;
        }
        return today.isBefore(firstDayAfter(record.periodStart(), period.get()));
    }

    /** The first day a record starting on {@code start} is no longer disclosed, for a period of {@code period}. */
    public static LocalDate firstDayAfter(LocalDate start, Period period) {
        return start.plus(period);
    }
}
