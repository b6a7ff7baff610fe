package org.creditgate.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A provider's reporting health as a traffic light (红黄绿灯, 002 art.5): late reporting or a high share of refused
 * records turns it yellow, then red. Plain arithmetic over the figures, so it is tested without a database.
 *
 * @param yellowAfter      no submission for this long: yellow
 * @param redAfter         no submission for this long (or never): red
 * @param yellowRejection  refused share of this month's records from which the light is yellow
 * @param redRejection     refused share from which it is red
 */
public record ProviderLight(Duration yellowAfter, Duration redAfter, double yellowRejection, double redRejection) {

    public enum Light { GREEN, YELLOW, RED }

    public Light of(Instant now, Optional<Instant> lastSubmission, long acceptedThisMonth, long rejectedThisMonth) {
        if (lastSubmission.isEmpty()) {
            return Light.RED;
        }
        Duration silence = Duration.between(lastSubmission.get(), now);
        long total = acceptedThisMonth + rejectedThisMonth;
        double rejection = total == 0 ? 0 : (double) rejectedThisMonth / total;
        if (silence.compareTo(redAfter) >= 0 || rejection >= redRejection) {
            return Light.RED;
        }
        if (silence.compareTo(yellowAfter) >= 0 || rejection >= yellowRejection) {
            return Light.YELLOW;
        }
        return Light.GREEN;
    }
}
