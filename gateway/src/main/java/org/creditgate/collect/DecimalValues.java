package org.creditgate.collect;

import java.math.BigDecimal;

/**
 * Decimal fields: amounts such as fines and arrears. Accepted as a JSON number or as a numeric string
 * ({@code "20.5"}: optional minus sign, digits, optional fraction; no exponent, no spaces). Bounded to
 * {@value #MAX_INTEGER_DIGITS} digits before the point and {@value #MAX_FRACTION_DIGITS} after it, once trailing
 * zeros are dropped: that holds any real amount in 元 or 万元 and fits PostgreSQL's numeric without surprise,
 * while {@code 1e999999999} and its kind are refused before they cost anything. Values are never rounded:
 * one beyond the bounds is refused.
 */
final class DecimalValues {

    static final int MAX_INTEGER_DIGITS = 18;
    static final int MAX_FRACTION_DIGITS = 6;
    /** Longer numeric strings are refused unread: leading and trailing zeros leave plenty of room below it. */
    static final int MAX_TEXT_LENGTH = 64;

    private DecimalValues() {
    }

    /** The value of a numeric string, or null when it is not one. */
    static BigDecimal parseString(String text) {
        int length = text.length();
        int i = 0;
        if (i < length && text.charAt(i) == '-') {
            i++;
        }
        int integerStart = i;
        while (i < length && isDigit(text.charAt(i))) {
            i++;
        }
        if (i == integerStart) {
            return null;
        }
        if (i < length && text.charAt(i) == '.') {
            i++;
            int fractionStart = i;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == fractionStart) {
                return null;
            }
        }
        if (i != length || length > MAX_TEXT_LENGTH) {
            return null;
        }
        return new BigDecimal(text).stripTrailingZeros();
    }

    /** The value of a JSON number's text as the parser saw it; null when too long or its exponent out of range. */
    static BigDecimal parseNumber(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            return null;
        }
        try {
            return new BigDecimal(text).stripTrailingZeros();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** What is wrong with a value's size, or null when it is within bounds. The value has no trailing zeros. */
    static String boundsProblem(BigDecimal value) {
        if (value.scale() > MAX_FRACTION_DIGITS) {
            return "at most " + MAX_FRACTION_DIGITS + " decimal places";
        }
        if ((long) value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            return "at most " + MAX_INTEGER_DIGITS + " digits before the decimal point";
        }
        return null;
    }

    /** The canonical text: plain notation, no trailing zeros, no negative zero. */
    static String canonical(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.toPlainString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
