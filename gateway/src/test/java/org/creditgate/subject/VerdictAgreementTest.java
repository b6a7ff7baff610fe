package org.creditgate.subject;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * isValid is a fast path written apart from problem(); the two must never disagree. Valid codes are mutated one
 * character at a time (digits, letters, lower case, 'X', symbols, other lengths) so both verdicts are exercised.
 */
@DisplayName("isValid agrees with problem() on valid codes and their mutations")
class VerdictAgreementTest {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZxa-*１ ";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static String mutate(String code, Random random) {
        StringBuilder mutated = new StringBuilder(code);
        switch (random.nextInt(4)) {
            case 0 -> mutated.setCharAt(random.nextInt(code.length()), ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            case 1 -> mutated.deleteCharAt(random.nextInt(code.length()));
            case 2 -> mutated.insert(random.nextInt(code.length()), ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            default -> {
                // keep it: a valid code
            }
        }
        return mutated.toString();
    }

    @Test
    @DisplayName("credit codes")
    void creditCodes() {
        Random random = new Random(20261123);
        int valid = 0;
        for (int i = 0; i < 200_000; i++) {
            String code = mutate(SubjectCodes.randomCreditCode(random), random);
            boolean fast = CreditCode.isValid(code);
            assertThat(fast).as(code).isEqualTo(CreditCode.problem(code).isEmpty());
            valid += fast ? 1 : 0;
        }
        assertThat(valid).as("both verdicts occur").isBetween(10_000, 190_000);
    }

    @Test
    @DisplayName("ID numbers")
    void idNumbers() {
        Random random = new Random(20261124);
        int valid = 0;
        for (int i = 0; i < 200_000; i++) {
            String number = mutate(SubjectCodes.randomIdNumber(random, TODAY.plusYears(1)), random);
            boolean fast = IdNumber.isValid(number, TODAY);
            assertThat(fast).as(number).isEqualTo(IdNumber.problem(number, TODAY).isEmpty());
            valid += fast ? 1 : 0;
        }
        assertThat(valid).as("both verdicts occur").isBetween(10_000, 190_000);
    }
}
