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

    /**
     * Appends the canonical text of a plain decimal ({@code -?[0-9]+(.[0-9]+)?}, as a JSON number or a numeric
     * string) written in {@code buf[from, to)} and within bounds, and returns true; returns false, appending
     * nothing, for any other text (exponents, errors), which is left to the BigDecimal path: the answer is the
     * same as {@code canonical(parse...(text))}, without the BigDecimal.
     */
    static boolean appendPlainCanonical(byte[] buf, int from, int to, ByteBuilder out) {
        if (to - from > MAX_TEXT_LENGTH) {
            return false;
        }
        int i = from;
        boolean negative = i < to && buf[i] == '-';
        if (negative) {
            i++;
        }
        int integerStart = i;
        while (i < to && isDigit(buf[i])) {
            i++;
        }
        int integerEnd = i;
        if (integerEnd == integerStart) {
            return false;
        }
        int fractionStart = i;
        int fractionEnd = i;
        if (i < to && buf[i] == '.') {
            fractionStart = ++i;
            while (i < to && isDigit(buf[i])) {
                i++;
            }
            fractionEnd = i;
            if (fractionEnd == fractionStart) {
                return false;
            }
        }
        if (i != to) {
            return false;
        }
        while (integerStart < integerEnd && buf[integerStart] == '0') {
            integerStart++;
        }
        while (fractionEnd > fractionStart && buf[fractionEnd - 1] == '0') {
            fractionEnd--;
        }
        int integerDigits = integerEnd - integerStart;
        int fractionDigits = fractionEnd - fractionStart;
        if (integerDigits > MAX_INTEGER_DIGITS || fractionDigits > MAX_FRACTION_DIGITS) {
            return false;
        }
        if (integerDigits == 0 && fractionDigits == 0) {
            out.append((byte) '0');
            return true;
        }
        if (negative) {
            out.append((byte) '-');
        }
        if (integerDigits == 0) {
            out.append((byte) '0');
        } else {
            out.append(buf, integerStart, integerDigits);
        }
        if (fractionDigits > 0) {
            out.append((byte) '.').append(buf, fractionStart, fractionDigits);
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
