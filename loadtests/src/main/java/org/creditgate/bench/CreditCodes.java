package org.creditgate.bench;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Valid codes for generated subjects, their check characters computed from the standards' formulas, not taken from
 * the gateway: GB 32100 unified social credit codes (weights {@code 3^i mod 31} over the code's 31-character set)
 * and GB 11643 resident ID numbers (ISO 7064 MOD 11-2).
 */
final class CreditCodes {

    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = new int[17];
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1950, 1, 1);
    private static final int BIRTH_DAYS = 18_000;

    static {
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            WEIGHTS[i] = weight;
            weight = weight * 3 % 31;
        }
    }

    private CreditCodes() {
    }

    /** The n-th Shenzhen enterprise: "91440300" and n in nine digits, then the check character. */
    static String org(long n) {
        if (n < 0 || n >= 1_000_000_000L) {
            throw new IllegalArgumentException("organisation number out of range: " + n);
        }
        char[] code = new char[18];
        "91440300".getChars(0, 8, code, 0);
        long rest = n;
        for (int i = 16; i >= 8; i--) {
            code[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(code[i]) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        code[17] = CHARSET.charAt(check == 31 ? 0 : check);
        return new String(code);
    }

    /**
     * The n-th person registered in Futian district (address code 440304): born on one of 18,000 days from
     * 1950-01-01 (about 49 years), with n / 18,000 as the sequence code, so numbers are distinct up to n = 17,999,999.
     */
    static String person(long n) {
        if (n < 0 || n >= BIRTH_DAYS * 1000L) {
            throw new IllegalArgumentException("person number out of range: " + n);
        }
        String born = FIRST_BIRTH.plusDays(n % BIRTH_DAYS).format(DateTimeFormatter.BASIC_ISO_DATE);
        long sequence = n / BIRTH_DAYS;
        String first17 = "440304" + born + (char) ('0' + sequence / 100) + (char) ('0' + sequence / 10 % 10)
                + (char) ('0' + sequence % 10);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return first17 + ID_CHECK.charAt(sum % 11);
    }
}
