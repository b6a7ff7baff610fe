package org.creditgate.subject;

import java.time.LocalDate;
import java.util.Random;

/**
 * A reference for the two checksums, written from the standards' formulas rather than copied from the production
 * tables (weights computed as {@code 3^i mod 31} and {@code 2^(17-i) mod 11}), and generators of valid codes.
 */
public final class SubjectCodes {

    public static final String CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private SubjectCodes() {
    }

    /** GB 32100 check character for the first 17 characters of {@code body}. */
    public static char creditCodeCheck(String body) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_CODE_CHARSET.indexOf(body.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        int value = 31 - sum % 31;
        return CREDIT_CODE_CHARSET.charAt(value == 31 ? 0 : value);
    }

    /** GB 11643 (ISO 7064 MOD 11-2) check character for the first 17 digits of {@code body}. */
    public static char idNumberCheck(String body) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int weight = (1 << (17 - i)) % 11;
            sum += (body.charAt(i) - '0') * weight;
        }
        return "10X98765432".charAt(sum % 11);
    }

    public static String withCreditCodeCheck(String body) {
        return body + creditCodeCheck(body);
    }

    public static String withIdNumberCheck(String body) {
        return body + idNumberCheck(body);
    }

    /** A random valid credit code: 17 body characters (digits at positions 3-8) and their check character. */
    public static String randomCreditCode(Random random) {
        StringBuilder body = new StringBuilder();
        for (int position = 1; position <= 17; position++) {
            int bound = position >= 3 && position <= 8 ? 10 : CREDIT_CODE_CHARSET.length();
            body.append(CREDIT_CODE_CHARSET.charAt(random.nextInt(bound)));
        }
        return withCreditCodeCheck(body.toString());
    }

    /** A random valid ID number of someone born between 1900-01-01 and {@code today}. */
    public static String randomIdNumber(Random random, LocalDate today) {
        long first = LocalDate.of(1900, 1, 1).toEpochDay();
        LocalDate birth = LocalDate.ofEpochDay(first + random.nextInt((int) (today.toEpochDay() - first + 1)));
        String body = String.format("%06d%04d%02d%02d%03d", random.nextInt(1_000_000),
                birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth(), random.nextInt(1000));
        return withIdNumberCheck(body);
    }
}
