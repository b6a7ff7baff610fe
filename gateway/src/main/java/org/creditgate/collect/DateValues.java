package org.creditgate.collect;

import java.time.LocalDate;
import java.time.Year;

/** Date fields: exactly {@code YYYY-MM-DD}, and the day must exist ({@code 2026-02-30} does not). */
final class DateValues {

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private DateValues() {
    }

    /** The date, or null when the text is not one; checked by hand, since exceptions are slow as a test. */
    static LocalDate parse(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        return dateOrNull(year, month, day);
    }

    /** The date written in {@code buf[from, to)} (a string's content, no escape), or null; as {@link #parse(String)}. */
    static LocalDate parse(byte[] buf, int from, int to) {
        if (to - from != 10 || buf[from + 4] != '-' || buf[from + 7] != '-') {
            return null;
        }
        int year = digits(buf, from, from + 4);
        int month = digits(buf, from + 5, from + 7);
        int day = digits(buf, from + 8, from + 10);
        return dateOrNull(year, month, day);
    }

    /** The date, or null where there is none (a digit was not one: negative parts; February 30th...). */
    private static LocalDate dateOrNull(int year, int month, int day) {
        if (year < 1 || month < 1 || month > 12 || day < 1) {
            return null;
        }
        int daysInMonth = month == 2 && Year.isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
        if (day > daysInMonth) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private static int digits(byte[] buf, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
