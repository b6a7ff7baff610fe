package org.creditgate.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
    /** The example of API.md: born 1949-12-31, check character X, which is right. */
    private static final String API_EXAMPLE = "11010519491231002X";

    @ParameterizedTest
    @ValueSource(strings = {API_EXAMPLE, "440305200002290010", "11010519000101001X", "31011519811015123X"})
    @DisplayName("accepts 17 digits with a real birth date and the right check character")
    void acceptsValidNumbers(String number) {
        assertThat(IdNumber.isValid(number, TODAY)).isTrue();
        assertThat(IdNumber.problem(number, TODAY)).isEmpty();
    }

    @Test
    @DisplayName("the API example is valid as given, by the system clock too")
    void apiExample() {
        assertThat(IdNumber.isValid(API_EXAMPLE, TODAY)).isTrue();
        assertThat(IdNumber.isValid(API_EXAMPLE)).isTrue();
        assertThat(IdNumber.problem(API_EXAMPLE)).isEmpty();
    }

    @Test
    @DisplayName("accepts every generated valid number and refuses it with any other check character")
    void generatedNumbers() {
        Random random = new Random(11);
        for (int n = 0; n < 2_000; n++) {
            String number = SubjectCodes.randomIdNumber(random, TODAY);
            assertThat(IdNumber.isValid(number, TODAY)).as(number).isTrue();
            for (char wrong : "0123456789X".toCharArray()) {
                if (wrong != number.charAt(17)) {
                    String mistyped = number.substring(0, 17) + wrong;
                    assertThat(IdNumber.problem(mistyped, TODAY)).as(mistyped)
                            .contains("check character should be '" + number.charAt(17) + "'");
                }
            }
        }
    }

    @Test
    @DisplayName("a single mistyped digit or two swapped neighbours anywhere are caught")
    void catchesSubstitutionsAndTranspositions() {
        Random random = new Random(5);
        for (int n = 0; n < 500; n++) {
            String number = SubjectCodes.randomIdNumber(random, TODAY);
            for (int i = 0; i < 17; i++) {
                char replacement = (char) ('0' + (number.charAt(i) - '0' + 1 + random.nextInt(9)) % 10);
                String mistyped = number.substring(0, i) + replacement + number.substring(i + 1);
                assertThat(IdNumber.isValid(mistyped, TODAY)).as(mistyped).isFalse();
                if (i < 16 && number.charAt(i) != number.charAt(i + 1)) {
                    String swapped = number.substring(0, i) + number.charAt(i + 1) + number.charAt(i)
                            + number.substring(i + 2);
                    assertThat(IdNumber.isValid(swapped, TODAY)).as(swapped).isFalse();
                }
            }
        }
    }

    @Test
    @DisplayName("refuses a missing number, and needs a date to judge birth dates by")
    void refusesNull() {
        assertThat(IdNumber.isValid(null)).isFalse();
        assertThat(IdNumber.problem(null, TODAY)).contains("is missing");
        assertThatNullPointerException().isThrownBy(() -> IdNumber.isValid(API_EXAMPLE, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|must be 18 characters (got 0)",
        "11010519491231002|must be 18 characters (got 17)",
        "11010519491231002X0|must be 18 characters (got 19)",
        "110105491231002|must be 18 characters (got 15)",
        "'11010519491231002X '|must be 18 characters (got 19)",
    })
    @DisplayName("refuses numbers that are not 18 characters long, the legacy 15-digit form included")
    void refusesWrongLength(String number, String problem) {
        assertThat(IdNumber.isValid(number, TODAY)).isFalse();
        assertThat(IdNumber.problem(number, TODAY)).contains(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "A1010519491231002X|character 'A' at position 1 is not allowed (must be a digit 0-9)",
        "1101051949123100X2|character 'X' at position 17 is not allowed (must be a digit 0-9)",
        "11010519491231002Y|character 'Y' at position 18 is not allowed (must be a digit 0-9 or an upper-case 'X')",
        "11010519491231002x|character 'x' at position 18 is not allowed (must be a digit 0-9 or an upper-case 'X')",
        "１1010519491231002X|character '１' at position 1 is not allowed (must be a digit 0-9)",
        "1101051949１231002X|character '１' at position 11 is not allowed (must be a digit 0-9)",
        "110105-949123-002X|character '-' at position 7 is not allowed (must be a digit 0-9)",
    })
    @DisplayName("refuses letters, a lower-case x, full-width digits and separators, saying where")
    void refusesCharacters(String number, String problem) {
        assertThat(IdNumber.isValid(number, TODAY)).isFalse();
        assertThat(IdNumber.problem(number, TODAY)).contains(problem);
    }

    @Test
    @DisplayName("does not take an Arabic-Indic or other Unicode digit for a digit")
    void refusesOtherUnicodeDigits() {
        String number = "\u0661" + API_EXAMPLE.substring(1);
        assertThat(Character.isDigit(number.charAt(0))).isTrue();
        assertThat(IdNumber.problem(number, TODAY)).contains("character '\u0661' at position 1 is not allowed (must be a digit 0-9)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "11010520260230001|birth date 20260230 at positions 7-14 is not a real date",
        "11010519000229001|birth date 19000229 at positions 7-14 is not a real date",
        "11010519491301001|birth date 19491301 at positions 7-14 is not a real date",
        "11010519491200001|birth date 19491200 at positions 7-14 is not a real date",
        "11010519490431001|birth date 19490431 at positions 7-14 is not a real date",
        "11010518991231001|birth date 1899-12-31 is before 1900-01-01",
        "11010520260316001|birth date 2026-03-16 is in the future",
        "11010599991231001|birth date 9999-12-31 is in the future",
    })
    @DisplayName("refuses birth dates that do not exist, before 1900 or after today, even with the right check character")
    void refusesBirthDates(String body, String problem) {
        String number = SubjectCodes.withIdNumberCheck(body);
        assertThat(IdNumber.isValid(number, TODAY)).as(number).isFalse();
        assertThat(IdNumber.problem(number, TODAY)).contains(problem);
    }

    @Test
    @DisplayName("accepts someone born today and on a leap day, and judges the future by the date given")
    void birthDateBoundaries() {
        String bornToday = SubjectCodes.withIdNumberCheck("11010520260315001");
        assertThat(IdNumber.isValid(bornToday, TODAY)).isTrue();
        assertThat(IdNumber.isValid(bornToday, TODAY.minusDays(1))).isFalse();
        assertThat(IdNumber.isValid(SubjectCodes.withIdNumberCheck("11010520000229001"), TODAY)).isTrue();
        assertThat(IdNumber.isValid(SubjectCodes.withIdNumberCheck("11010524000229001"), LocalDate.of(2400, 3, 1)))
                .isTrue();
    }

    @Test
    @DisplayName("the one-argument form judges the future by today's date in China")
    void systemClockIsChinaTime() {
        LocalDate chinaToday = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String bornTomorrow = SubjectCodes.withIdNumberCheck(
                String.format("110105%04d%02d%02d001", chinaToday.plusDays(2).getYear(),
                        chinaToday.plusDays(2).getMonthValue(), chinaToday.plusDays(2).getDayOfMonth()));
        assertThat(IdNumber.isValid(bornTomorrow)).isFalse();
        assertThat(IdNumber.problem(bornTomorrow)).get().asString().endsWith("is in the future");
        String bornYesterday = SubjectCodes.withIdNumberCheck(
                String.format("110105%04d%02d%02d001", chinaToday.minusDays(1).getYear(),
                        chinaToday.minusDays(1).getMonthValue(), chinaToday.minusDays(1).getDayOfMonth()));
        assertThat(IdNumber.isValid(bornYesterday)).isTrue();
    }

    @Test
    @DisplayName("reports a birth date that cannot be before a wrong check character")
    void birthDateBeforeCheckCharacter() {
        String body = "11010520260230001";
        char wrong = SubjectCodes.idNumberCheck(body) == '0' ? '1' : '0';
        assertThat(IdNumber.problem(body + wrong, TODAY)).contains("birth date 20260230 at positions 7-14 is not a real date");
    }

    @Test
    @DisplayName("names the right check character when it is wrong")
    void namesTheRightCheckCharacter() {
        assertThat(IdNumber.problem("110105194912310020", TODAY)).contains("check character should be 'X'");
        assertThat(IdNumber.problem("11010519491231002X".replace("002X", "0039"), TODAY))
                .contains("check character should be '" + SubjectCodes.idNumberCheck("11010519491231003") + "'");
    }
}
