package org.creditgate.subject;

import org.creditgate.calendar.PlatformCalendar;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * The citizen identification number (公民身份号码, the resident ID number) of GB 11643-1999 that keys natural persons.
 *
 * <p>Eighteen characters: positions 1-6 the address code (地址码), 7-14 the birth date {@code YYYYMMDD} (出生日期码),
 * 15-17 the sequence code (顺序码), all ASCII digits, and position 18 the ISO 7064 MOD 11-2 check character: with
 * the weights {@code 2^(18-i) mod 11} (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), the sum of digit times
 * weight, mod 11, indexes {@code "10X98765432"}.
 *
 * <p>Numbers are checked as given: the check character {@code X} must be upper case, and full-width or other
 * non-ASCII digits are refused, because the number is the subject's key and is stored exactly as sent. The birth date
 * must exist, lie on or after 1900-01-01 and not after today; the address code is not checked against the GB/T 2260
 * table, which changes every year and still has to accept numbers issued under retired codes.
 */
public final class IdNumber {

    public static final int LENGTH = 18;

    /** Today is a date in China: a number born today is valid from midnight Beijing time. */
    private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final int BIRTH_DATE_START = 6;

    private IdNumber() {
    }

    /** Valid as of today's date in Asia/Shanghai. */
    public static boolean isValid(String number) {
        return problem(number).isEmpty();
    }

    /**
     * Valid as of {@code today}, the date birth dates may not be after. The same verdict as {@link #problem}, computed
     * without building any message: lookups check every subject code with it.
     */
    public static boolean isValid(String number, LocalDate today) {
        Objects.requireNonNull(today, "today");
        if (number == null || number.length() != LENGTH) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        char last = number.charAt(LENGTH - 1);
        if ((last < '0' || last > '9') && last != 'X') {
            return false;
        }
        int year = digits(number, BIRTH_DATE_START, 4);
        int month = digits(number, BIRTH_DATE_START + 4, 2);
        int day = digits(number, BIRTH_DATE_START + 6, 2);
        if (month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return false;
        }
        int birth = year * 10_000 + month * 100 + day;
        int earliest = EARLIEST_BIRTH_DATE.getYear() * 10_000 + EARLIEST_BIRTH_DATE.getMonthValue() * 100
                + EARLIEST_BIRTH_DATE.getDayOfMonth();
        int latest = today.getYear() * 10_000 + today.getMonthValue() * 100 + today.getDayOfMonth();
        return birth >= earliest && birth <= latest && last == CHECK_CHARACTERS.charAt(sum % 11);
    }

    /** {@link #problem(String, LocalDate)} as of today's date in Asia/Shanghai. */
    public static Optional<String> problem(String number) {
        return problem(number, LocalDate.now(PlatformCalendar.ZONE));
    }

    /**
     * What is wrong with a number, in words a provider can act on (e.g. {@code "check character should be 'X'"}), or
     * empty when it is valid as of {@code today}. Only the first problem found is reported; a birth date that cannot
     * be is reported before a wrong check character, because a mistyped date usually breaks both and the date is the
     * part to fix.
     */
    public static Optional<String> problem(String number, LocalDate today) {
        Objects.requireNonNull(today, "today");
        if (number == null) {
            return Optional.of("is missing");
        }
        if (!Characters.hasLength(number, LENGTH)) {
            return Optional.of(Characters.wrongLength(number, LENGTH));
        }
        for (int position = 1, offset = 0; position <= LENGTH; position++) {
            int c = number.codePointAt(offset);
            offset += Character.charCount(c);
            if (position < LENGTH && !Characters.isAsciiDigit(c)) {
                return Optional.of(Characters.notAllowed(c, position, " (must be a digit 0-9)"));
            }
            if (position == LENGTH && !Characters.isAsciiDigit(c) && c != 'X') {
                return Optional.of(Characters.notAllowed(c, position, " (must be a digit 0-9 or an upper-case 'X')"));
            }
        }
        Optional<String> birthDateProblem = birthDateProblem(number, today);
        if (birthDateProblem.isPresent()) {
            return birthDateProblem;
        }
        char expected = checkCharacter(number);
        if (number.charAt(LENGTH - 1) != expected) {
            return Optional.of("check character should be '" + expected + "'");
        }
        return Optional.empty();
    }

    private static Optional<String> birthDateProblem(String number, LocalDate today) {
        int year = digits(number, BIRTH_DATE_START, 4);
        int month = digits(number, BIRTH_DATE_START + 4, 2);
        int day = digits(number, BIRTH_DATE_START + 6, 2);
        // checked by hand rather than by catching LocalDate.of's exception: this runs for every submitted record
        if (month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            String digits = number.substring(BIRTH_DATE_START, BIRTH_DATE_START + 8);
            return Optional.of("birth date " + digits + " at positions 7-14 is not a real date");
        }
        LocalDate birthDate = LocalDate.of(year, month, day);
        if (birthDate.isBefore(EARLIEST_BIRTH_DATE)) {
            return Optional.of("birth date " + birthDate + " is before " + EARLIEST_BIRTH_DATE);
        }
        if (birthDate.isAfter(today)) {
            return Optional.of("birth date " + birthDate + " is in the future");
        }
        return Optional.empty();
    }

    /** The check character for the first 17 characters, all of them already known to be ASCII digits. */
    private static char checkCharacter(String number) {
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            sum += (number.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    private static int digits(String s, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }
}
