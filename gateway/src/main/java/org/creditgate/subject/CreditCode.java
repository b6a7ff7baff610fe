package org.creditgate.subject;

import java.util.Optional;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015 that keys organisations.
 *
 * <p>Eighteen characters from a 31-character set (the digits and the upper-case letters without I, O, Z, S, V):
 * <ol>
 *   <li>position 1, the registration authority code (登记管理部门代码);</li>
 *   <li>position 2, the organisation type code (机构类别代码);</li>
 *   <li>positions 3-8, the administrative division code (登记管理机关行政区划码, GB/T 2260), digits;</li>
 *   <li>positions 9-17, the organisation code (主体标识码, GB 11714), whose own check character at position 17 is
 *       simply part of the body here;</li>
 *   <li>position 18, the check character: with the character values {@code v_i} (their index in the set) and the
 *       weights {@code 3^i mod 31}, it is the character of value {@code 31 - (Σ v_i·w_i mod 31)}, 31 read as 0.</li>
 * </ol>
 *
 * <p>Codes are checked <em>as given</em>: lower-case letters are refused rather than upper-cased, because the code is
 * the subject's key and a gateway that quietly normalised it would store and look up a string the provider never
 * sent. The authority and type codes are not checked against their tables: those tables grow (authority {@code A}
 * and {@code N} were added after 2015) and the check character already catches typing errors.
 */
public final class CreditCode {

    public static final int LENGTH = 18;

    /** GB 32100 code characters; a character's index is its value in the checksum. */
    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int MODULUS = CHARSET.length();
    /** 3^i mod 31 for positions 1 to 17. */
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int DIVISION_FIRST = 3;
    private static final int DIVISION_LAST = 8;

    private CreditCode() {
    }

    public static boolean isValid(String code) {
        if (code == null || code.length() != LENGTH) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < LENGTH; i++) {
            char c = code.charAt(i);
            int value = CHARSET.indexOf(c);
            if (value < 0 || (i >= DIVISION_FIRST - 1 && i <= DIVISION_LAST - 1 && (c < '0' || c > '9'))) {
                return false;
            }
            if (i < LENGTH - 1) {
                sum += value * WEIGHTS[i];
            }
        }
        // the same verdict as problem(), without building a message: lookups check every subject code with it
        return code.charAt(LENGTH - 1) == CHARSET.charAt((MODULUS - sum % MODULUS) % MODULUS);
    }

    /**
     * What is wrong with a code, in words a provider can act on (e.g. {@code "check character should be 'X'"}), or
     * empty when the code is valid. Only the first problem found is reported.
     */
    public static Optional<String> problem(String code) {
        if (code == null) {
            return Optional.of("is missing");
        }
        if (!Characters.hasLength(code, LENGTH)) {
            return Optional.of(Characters.wrongLength(code, LENGTH));
        }
        for (int position = 1, offset = 0; position <= LENGTH; position++) {
            int c = code.codePointAt(offset);
            offset += Character.charCount(c);
            if (CHARSET.indexOf(c) < 0) {
                return Optional.of(Characters.notAllowed(c, position, lowerCaseHint(c)));
            }
            if (position >= DIVISION_FIRST && position <= DIVISION_LAST && !Characters.isAsciiDigit(c)) {
                return Optional.of(Characters.notAllowed(c, position,
                        " (positions 3-8, the administrative division code, are digits)"));
            }
        }
        char expected = checkCharacter(code);
        if (code.charAt(LENGTH - 1) != expected) {
            return Optional.of("check character should be '" + expected + "'");
        }
        return Optional.empty();
    }

    /** The check character for the first 17 characters of {@code code}, all of them already known to be in the set. */
    private static char checkCharacter(String code) {
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            sum += CHARSET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        return CHARSET.charAt((MODULUS - sum % MODULUS) % MODULUS);
    }

    /** A lower-case code character is most likely the right character typed in the wrong case. */
    private static String lowerCaseHint(int c) {
        return c >= 'a' && c <= 'z' && CHARSET.indexOf(Character.toUpperCase(c)) >= 0
                ? " (codes are upper case)" : "";
    }
}
