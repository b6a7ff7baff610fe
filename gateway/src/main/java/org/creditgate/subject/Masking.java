package org.creditgate.subject;

import java.time.YearMonth;
import java.util.Objects;
import org.creditgate.catalog.Mask;

/**
 * The catalog's masks (CATALOG.md, "Masking names"): what a caller sees of a field it may see only in part, the
 * desensitisation (脱敏) that public disclosure of personal information requires.
 *
 * <p>Every mask here either keeps some code points of the value in place and turns every other code point into one
 * {@code '*'} (so the result has as many code points as the value: {@code 张三丰 → 张**}), or, when the value is not
 * of a shape the mask can keep a part of, gives {@link #REDACTED}, which does not even tell the value's length. Code
 * points, not chars, are counted, so a name with a character outside the BMP gets one star for it, never half of a
 * surrogate pair. A masked-away code point never reaches the result; what the result tells about the masked part is
 * its length and, for {@code phone} and {@code year_only}, which shape the value has.
 *
 * <p>All masks map {@code null} to {@code null} and the empty string to itself (there is nothing to hide).
 */
public final class Masking {

    /** What a value masked away entirely becomes: a fixed width, so that it does not tell the value's length. */
    public static final String REDACTED = "****";

    private static final char STAR = '*';
    /** The legacy 15-digit ID number (GB 11643-1989) is the shortest value the ID mask keeps part of. */
    private static final int SHORTEST_PARTLY_SHOWN_ID_NUMBER = 15;
    private static final int MOBILE_LENGTH = 11;
    /** Other phone numbers keep their last 4 digits only when at least as many characters are masked as shown. */
    private static final int SHORTEST_PARTLY_SHOWN_PHONE = 8;

    private Masking() {
    }

    /**
     * The value as a caller entitled to {@code mask} sees it. {@link Mask#HIDDEN} gives {@code null}: the field is
     * left out of the response altogether, and a caller that reaches here with it must leave the field out.
     */
    public static String apply(Mask mask, String value) {
        Objects.requireNonNull(mask, "mask");
        return switch (mask) {
            case FULL -> value;
            case PERSON_NAME -> personName(value);
            case ID_NUMBER -> idNumber(value);
            case PHONE -> phone(value);
            case YEAR_ONLY -> yearOnly(value);
            case HIDDEN -> null;
        };
    }

    /**
     * The first code point, then one star per further code point: {@code 张三丰 → 张**}, {@code 张三 → 张*}. A
     * one-character name is all star ({@code "*"}). Spaces and the middle dot of transliterated names are masked
     * like letters ({@code John Smith → J*********}, {@code 买买提·艾力 → 买*****}): keeping them would show the length
     * of every part of the name. A leading space counts as the first code point and stays: masks do not edit values.
     */
    public static String personName(String name) {
        if (name == null) {
            return null;
        }
        if (name.codePointCount(0, name.length()) <= 1) {
            return stars(name);
        }
        return keepEnds(name, 1, 0);
    }

    /**
     * The first 6 and the last 4 code points, one star per code point between:
     * {@code 11010519491231002X → 110105********002X}, {@code 110105491231002 → 110105*****1002}. A value shorter
     * than the legacy 15-digit number is not an ID number whose ends could be shown without showing most of it, so it
     * becomes {@link #REDACTED}.
     */
    public static String idNumber(String number) {
        if (number == null || number.isEmpty()) {
            return number;
        }
        if (number.codePointCount(0, number.length()) < SHORTEST_PARTLY_SHOWN_ID_NUMBER) {
            return REDACTED;
        }
        return keepEnds(number, 6, 4);
    }

    /**
     * An 11-digit (mobile) number keeps its first 3 and last 4 digits: {@code 13812341234 → 138****1234}. Any other
     * value of at least 8 code points that ends in 4 ASCII digits keeps those 4 and masks everything before them,
     * separators included: {@code 0755-12345678 → *********5678}. Everything else (short service numbers, values with
     * text at the end) becomes {@link #REDACTED}.
     */
    public static String phone(String phone) {
        if (phone == null || phone.isEmpty()) {
            return phone;
        }
        if (phone.length() == MOBILE_LENGTH && allAsciiDigits(phone, 0, MOBILE_LENGTH)) {
            return keepEnds(phone, 3, 4);
        }
        if (phone.codePointCount(0, phone.length()) >= SHORTEST_PARTLY_SHOWN_PHONE
                && allAsciiDigits(phone, phone.length() - 4, phone.length())) {
            return keepEnds(phone, 0, 4);
        }
        return REDACTED;
    }

    /**
     * The year of a catalog date ({@code YYYY-MM-DD}, a date that exists): {@code 2024-05-17 → 2024}. Anything else
     * becomes {@link #REDACTED}; the value itself is never returned.
     */
    public static String yearOnly(String isoDate) {
        if (isoDate == null || isoDate.isEmpty()) {
            return isoDate;
        }
        return isCatalogDate(isoDate) ? isoDate.substring(0, 4) : REDACTED;
    }

    private static boolean isCatalogDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-'
                || !allAsciiDigits(s, 0, 4) || !allAsciiDigits(s, 5, 7) || !allAsciiDigits(s, 8, 10)) {
            return false;
        }
        int month = Integer.parseInt(s, 5, 7, 10);
        int day = Integer.parseInt(s, 8, 10, 10);
        return month >= 1 && month <= 12
                && day >= 1 && day <= YearMonth.of(Integer.parseInt(s, 0, 4, 10), month).lengthOfMonth();
    }

    /** Keeps the first {@code head} and the last {@code tail} code points; every other code point becomes a star. */
    private static String keepEnds(String value, int head, int tail) {
        int count = value.codePointCount(0, value.length());
        StringBuilder masked = new StringBuilder(value.length());
        int offset = 0;
        for (int i = 0; i < count; i++) {
            int codePoint = value.codePointAt(offset);
            offset += Character.charCount(codePoint);
            if (i < head || i >= count - tail) {
                masked.appendCodePoint(codePoint);
            } else {
                masked.append(STAR);
            }
        }
        return masked.toString();
    }

    private static String stars(String value) {
        return String.valueOf(STAR).repeat(value.codePointCount(0, value.length()));
    }

    private static boolean allAsciiDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Characters.isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
