package org.creditgate.bench;

/**
 * Valid GB 32100 unified social credit codes for generated subjects: the check character is computed from the
 * standard's formula (weights {@code 3^i mod 31} over the code's 31-character set), not taken from the gateway.
 */
final class CreditCodes {

    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = new int[17];

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
}
