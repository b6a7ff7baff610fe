package org.creditgate.simulations;

import java.time.Duration;

/**
 * What a simulation is told on the command line, as system properties ({@code -Dbase.url=...}): where the gateway
 * is, its admin key, and the size of the load. Every size has a default; the gateway's address and key do not,
 * except that the address defaults to a gateway on this machine's port 8080.
 */
public final class LoadSettings {

    private LoadSettings() {
    }

    /** {@code base.url}: the gateway, e.g. {@code http://127.0.0.1:8080}. */
    public static String baseUrl() {
        return System.getProperty("base.url", "http://127.0.0.1:8080");
    }

    /** {@code admin.key}: the gateway's admin key, to register the simulation's clients. */
    public static String adminKey() {
        String key = System.getProperty("admin.key");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("-Dadmin.key=<the gateway's admin key> is required: the simulation "
                    + "registers its own clients through /admin/clients");
        }
        return key;
    }

    /** {@code seconds}: how long the measured load lasts (default 60). */
    public static Duration duration() {
        return Duration.ofSeconds(integer("seconds", 60));
    }

    public static int integer(String name, int byDefault) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            int parsed = Integer.parseInt(value.trim().replace("_", ""));
            if (parsed <= 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a positive whole number, got '" + value + "'");
        }
    }

    public static double decimal(String name, double byDefault) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a number, got '" + value + "'");
        }
    }

    /** {@code max.error.percent}: failed requests tolerated before the run fails (default 1). */
    public static double maxErrorPercent() {
        return decimal("max.error.percent", 1.0);
    }
}
