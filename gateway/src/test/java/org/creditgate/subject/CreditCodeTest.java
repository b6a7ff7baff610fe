package org.creditgate.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {

    /** The example of API.md; its check character 6 is right. */
    private static final String API_EXAMPLE = "914403001922038216";

    @ParameterizedTest
    @ValueSource(strings = {API_EXAMPLE, "91350100M000100Y43", "91110000802100433B", "91440300708461136T"})
    @DisplayName("accepts well-formed codes whose check character is right")
    void acceptsValidCodes(String code) {
        assertThat(CreditCode.isValid(code)).isTrue();
        assertThat(CreditCode.problem(code)).isEmpty();
    }

    @Test
    @DisplayName("accepts codes whose check value is 31, written as '0', and codes whose check character is a letter")
    void acceptsBoundaryCheckValues() {
        Random random = new Random(7);
        boolean sawZero = false;
        boolean sawY = false;
        while (!(sawZero && sawY)) {
            String code = SubjectCodes.randomCreditCode(random);
            char check = code.charAt(17);
            if (check == '0' || check == 'Y') {
                assertThat(CreditCode.isValid(code)).as(code).isTrue();
                sawZero |= check == '0';
                sawY |= check == 'Y';
            }
        }
    }

    @Test
    @DisplayName("accepts every generated valid code and refuses it with any other check character")
    void generatedCodes() {
        Random random = new Random(42);
        for (int n = 0; n < 2_000; n++) {
            String code = SubjectCodes.randomCreditCode(random);
            assertThat(CreditCode.isValid(code)).as(code).isTrue();
            char wrong = otherCodeCharacter(code.charAt(17), random);
            String mistyped = code.substring(0, 17) + wrong;
            assertThat(CreditCode.problem(mistyped)).as(mistyped)
                    .contains("check character should be '" + code.charAt(17) + "'");
        }
    }

    @Test
    @DisplayName("a single mistyped character anywhere in the body is caught by the check character")
    void catchesEverySingleSubstitution() {
        Random random = new Random(3);
        for (int n = 0; n < 500; n++) {
            String code = SubjectCodes.randomCreditCode(random);
            for (int i = 0; i < 17; i++) {
                char replacement = i >= 2 && i <= 7
                        ? (char) ('0' + (code.charAt(i) - '0' + 1 + random.nextInt(9)) % 10)
                        : otherCodeCharacter(code.charAt(i), random);
                String mistyped = code.substring(0, i) + replacement + code.substring(i + 1);
                assertThat(CreditCode.isValid(mistyped)).as(mistyped).isFalse();
            }
        }
    }

    @Test
    @DisplayName("refuses a missing code")
    void refusesNull() {
        assertThat(CreditCode.isValid(null)).isFalse();
        assertThat(CreditCode.problem(null)).contains("is missing");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|must be 18 characters (got 0)",
        "91440300192203821|must be 18 characters (got 17)",
        "9144030019220382166|must be 18 characters (got 19)",
        "' 914403001922038216'|must be 18 characters (got 19)",
    })
    @DisplayName("refuses codes that are not 18 characters long, counting characters as a reader does")
    void refusesWrongLength(String code, String problem) {
        assertThat(CreditCode.isValid(code)).isFalse();
        assertThat(CreditCode.problem(code)).contains(problem);
    }

    @Test
    @DisplayName("counts a character outside the BMP as the one character a reader sees, not as two chars")
    void supplementaryCharacters() {
        String seventeen = "9144030019220382\uD840\uDC00";
        assertThat(seventeen).hasSize(18);
        assertThat(CreditCode.problem(seventeen)).contains("must be 18 characters (got 17)");
        String eighteen = "91440300192203821\uD840\uDC00";
        assertThat(CreditCode.problem(eighteen)).contains("character '\uD840\uDC00' at position 18 is not allowed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9144I3001922038216|character 'I' at position 5 is not allowed",
        "91440300192203821O|character 'O' at position 18 is not allowed",
        "9Z4403001922038216|character 'Z' at position 2 is not allowed",
        "S14403001922038216|character 'S' at position 1 is not allowed",
        "914403001922038V16|character 'V' at position 16 is not allowed",
        "91440300192203821-|character '-' at position 18 is not allowed",
    })
    @DisplayName("refuses the letters GB 32100 leaves out (I, O, Z, S, V) and other characters, saying where")
    void refusesCharactersOutsideTheSet(String code, String problem) {
        assertThat(CreditCode.isValid(code)).isFalse();
        assertThat(CreditCode.problem(code)).contains(problem);
    }

    @Test
    @DisplayName("refuses lower-case letters rather than upper-casing them, and says codes are upper case")
    void refusesLowerCase() {
        assertThat(CreditCode.isValid("91350100M000100Y43")).isTrue();
        assertThat(CreditCode.isValid("91350100m000100y43")).isFalse();
        assertThat(CreditCode.problem("91350100m000100Y43"))
                .contains("character 'm' at position 9 is not allowed (codes are upper case)");
        assertThat(CreditCode.problem("91350100M000100y43"))
                .contains("character 'y' at position 16 is not allowed (codes are upper case)");
        // 'o' is not a code character in either case, so no hint about case
        assertThat(CreditCode.problem("9135o100M000100Y43")).contains("character 'o' at position 5 is not allowed");
    }

    @Test
    @DisplayName("refuses letters in the administrative division code (positions 3-8), even with a right check character")
    void refusesLettersInDivisionCode() {
        String code = SubjectCodes.withCreditCodeCheck("9144A300192203821");
        assertThat(CreditCode.isValid(code)).isFalse();
        assertThat(CreditCode.problem(code)).contains(
                "character 'A' at position 5 is not allowed (positions 3-8, the administrative division code, are digits)");
    }

    @Test
    @DisplayName("refuses full-width digits and names invisible characters by code point")
    void refusesNonAsciiAndInvisibleCharacters() {
        assertThat(CreditCode.problem("９14403001922038216")).contains("character '９' at position 1 is not allowed");
        assertThat(CreditCode.problem("9144030019220382\u200E6"))
                .contains("character U+200E at position 17 is not allowed");
        assertThat(CreditCode.problem("91440300192203821\t")).contains("character U+0009 at position 18 is not allowed");
        assertThat(CreditCode.problem("91440300192203821\uD800"))
                .contains("character U+D800 at position 18 is not allowed");
    }

    @Test
    @DisplayName("names the right check character when it is wrong")
    void namesTheRightCheckCharacter() {
        assertThat(CreditCode.problem("914403001922038217")).contains("check character should be '6'");
        assertThat(CreditCode.problem("91350100M000100Y4X")).contains("check character should be '3'");
    }

    private static char otherCodeCharacter(char c, Random random) {
        String set = SubjectCodes.CREDIT_CODE_CHARSET;
        int offset = 1 + random.nextInt(set.length() - 1);
        return set.charAt((set.indexOf(c) + offset) % set.length());
    }
}
