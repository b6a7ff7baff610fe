package org.creditgate.subject;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.DateTimeException;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;

/**
 * {@link CreditCode} and {@link IdNumber} never throw, their two answers agree ({@code problem} is empty exactly when
 * {@code isValid}), and both agree with a reference written from the standards' formulas ({@link SubjectCodes}).
 * Values are arbitrary strings or 17 characters from the code alphabet followed by their check character, sometimes
 * mistyped, so that the checksum and birth-date branches are reached, not only the length check.
 */
class SubjectCodeFuzzTest {

    private static final int[] CREDIT_CODE_ALPHABET = (SubjectCodes.CREDIT_CODE_CHARSET + "IOZSVaxy-１")
            .codePoints().toArray();
    private static final int[] ID_NUMBER_ALPHABET = "0123456789Xx-１".codePoints().toArray();
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    @FuzzTest
    @DisplayName("CreditCode never throws and its verdicts agree with each other and with the reference")
    void creditCodeVerdictsAgree(FuzzedDataProvider data) {
        String code;
        if (data.consumeBoolean()) {
            code = FuzzValues.string(data);
        } else {
            String body = FuzzValues.fromAlphabet(data, CREDIT_CODE_ALPHABET, 17);
            code = isCreditCodeBody(body) && data.consumeBoolean()
                    ? SubjectCodes.withCreditCodeCheck(body)
                    : body + FuzzValues.fromAlphabet(data, CREDIT_CODE_ALPHABET, 1);
        }
        boolean valid = CreditCode.isValid(code);
        assertThat(CreditCode.problem(code).isEmpty()).as(FuzzValues.escaped(code)).isEqualTo(valid);
        assertThat(valid).as(FuzzValues.escaped(code)).isEqualTo(referenceCreditCode(code));
    }

    @FuzzTest
    @DisplayName("IdNumber never throws and its verdicts agree with each other and with the reference")
    void idNumberVerdictsAgree(FuzzedDataProvider data) {
        String number;
        if (data.consumeBoolean()) {
            number = FuzzValues.string(data);
        } else {
            String body = data.consumeBoolean()
                    ? String.format("%06d%04d%02d%02d%03d", data.consumeInt(0, 999_999), data.consumeInt(1890, 2030),
                            data.consumeInt(0, 13), data.consumeInt(0, 32), data.consumeInt(0, 999))
                    : FuzzValues.fromAlphabet(data, ID_NUMBER_ALPHABET, 17);
            number = body.chars().allMatch(c -> c >= '0' && c <= '9') && data.consumeBoolean()
                    ? SubjectCodes.withIdNumberCheck(body)
                    : body + FuzzValues.fromAlphabet(data, ID_NUMBER_ALPHABET, 1);
        }
        boolean valid = IdNumber.isValid(number, TODAY);
        assertThat(IdNumber.problem(number, TODAY).isEmpty()).as(FuzzValues.escaped(number)).isEqualTo(valid);
        assertThat(valid).as(FuzzValues.escaped(number)).isEqualTo(referenceIdNumber(number));
        // the system-clock form differs only in its today, and must not throw either
        assertThat(IdNumber.problem(number).isEmpty()).isEqualTo(IdNumber.isValid(number));
    }

    private static boolean isCreditCodeBody(String body) {
        return body.length() == 17 && body.matches("[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{9}");
    }

    private static boolean referenceCreditCode(String code) {
        return code.length() == 18 && isCreditCodeBody(code.substring(0, 17))
                && code.charAt(17) == SubjectCodes.creditCodeCheck(code);
    }

    private static boolean referenceIdNumber(String number) {
        if (!number.matches("[0-9]{17}[0-9X]")) {
            return false;
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
        } catch (DateTimeException e) {
            return false;
        }
        return !birth.isBefore(LocalDate.of(1900, 1, 1)) && !birth.isAfter(TODAY)
                && number.charAt(17) == SubjectCodes.idNumberCheck(number);
    }
}
