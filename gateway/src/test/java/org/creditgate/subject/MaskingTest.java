package org.creditgate.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.creditgate.catalog.Mask;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MaskingTest {

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', value = {
        // the examples of CATALOG.md, "Masking names"
        "person_name|张三丰|张**",
        "id_number|11010519491231002X|110105********002X",
        "phone|13812341234|138****1234",
        "year_only|2024-05-17|2024",
        "full|张三丰|张三丰",
        // and the result example of API.md
        "person_name|张三|张*",
    })
    @DisplayName("masks the catalog's examples as the catalog shows them")
    void catalogExamples(String maskName, String value, String expected) {
        Mask mask = Mask.fromWire(maskName).orElseThrow();
        assertThat(Masking.apply(mask, value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "张|*",
        "欧阳娜娜|欧***",
        "买买提·艾力|买*****",
        "John Smith|J*********",
        "' 张三'|' **'",
        "'  '|' *'",
        // a character outside the BMP is one code point: one star, never half a surrogate pair
        "\uD840\uDC00三|\uD840\uDC00*",
        "张\uD840\uDC00\uD840\uDC01|张**",
        "\uD840\uDC00|*",
        "***|***",
        "''|''",
    })
    @DisplayName("person_name keeps the first character and gives one star per further character")
    void personName(String value, String expected) {
        assertThat(Masking.personName(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "11010519491231002X|110105********002X",
        "110105491231002|110105*****1002",
        "91440300192203821|914403*******3821",
        "11010519491231002X0|110105*********02X0",
        "1101054912310|****",
        "1234|****",
        "1|****",
        "''|''",
        "11010\uD840\uDC0019491231002X|11010\uD840\uDC00********002X",
        "110105\uD840\uDC009491231002X|110105********002X",
    })
    @DisplayName("id_number keeps the first 6 and last 4 characters, and hides values shorter than 15 entirely")
    void idNumber(String value, String expected) {
        assertThat(Masking.idNumber(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "13812341234|138****1234",
        "07551234567|075****4567",
        "0755-12345678|*********5678",
        "+86 138 1234 1234|*************1234",
        "12345678|****5678",
        "1234567|****",
        "95588|****",
        "110|****",
        "1381234123a|****",
        "'13812341234 '|****",
        "１３８１２３４１２３４|****",
        "''|''",
        "电话\uD840\uDC00-12345678|********5678",
    })
    @DisplayName("phone keeps 3 + 4 digits of a mobile number, the last 4 of other long numbers, and hides the rest")
    void phone(String value, String expected) {
        assertThat(Masking.phone(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "2024-05-17|2024",
        "2000-02-29|2000",
        "1900-02-29|****",
        "2026-02-30|****",
        "2024-13-01|****",
        "2024-5-17|****",
        "20240517|****",
        "2024-05-17T10:00:00|****",
        "+2024-05-17|****",
        "２０２４-05-17|****",
        "2024/05/17|****",
        "'2024-05-17 '|****",
        "sometime|****",
        "''|''",
    })
    @DisplayName("year_only keeps the year of a real YYYY-MM-DD date and hides anything else entirely")
    void yearOnly(String value, String expected) {
        assertThat(Masking.yearOnly(value)).isEqualTo(expected);
    }

    @Test
    @DisplayName("hidden gives null: the caller leaves the field out")
    void hidden() {
        assertThat(Masking.apply(Mask.HIDDEN, "张三丰")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Mask.class)
    @DisplayName("every mask maps null to null")
    void nullStaysNull(Mask mask) {
        assertThat(Masking.apply(mask, null)).isNull();
    }

    @Test
    @DisplayName("the single-purpose functions map null to null too")
    void functionsNullSafe() {
        assertThat(Masking.personName(null)).isNull();
        assertThat(Masking.idNumber(null)).isNull();
        assertThat(Masking.phone(null)).isNull();
        assertThat(Masking.yearOnly(null)).isNull();
    }

    @Test
    @DisplayName("needs a mask")
    void needsAMask() {
        assertThatNullPointerException().isThrownBy(() -> Masking.apply(null, "张三"));
    }

    @Test
    @DisplayName("apply dispatches to the named function")
    void applyDispatches() {
        String value = "11010519491231002X";
        assertThat(Masking.apply(Mask.FULL, value)).isSameAs(value);
        assertThat(Masking.apply(Mask.PERSON_NAME, value)).isEqualTo(Masking.personName(value)).startsWith("1*");
        assertThat(Masking.apply(Mask.ID_NUMBER, value)).isEqualTo("110105********002X");
        assertThat(Masking.apply(Mask.PHONE, value)).isEqualTo(Masking.REDACTED);
        assertThat(Masking.apply(Mask.PHONE, "13812341234")).isEqualTo("138****1234");
        assertThat(Masking.apply(Mask.YEAR_ONLY, "1949-12-31")).isEqualTo("1949");
    }
}
