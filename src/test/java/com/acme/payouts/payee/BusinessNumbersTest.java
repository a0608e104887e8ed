package com.acme.payouts.payee;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"51824753556", "33051775556", "48123123124", "88000014675", "53004085616", "83914571673"})
    void acceptsPublishedAbns(String abn) {
        assertThat(BusinessNumbers.isValidAbn(abn)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "51824753557",
                "15824753556",
                "12345678901",
                "11000000000",
                "5182475355",
                "518247535561",
                "5182475355A",
                "01824753556"
            })
    void refusesAbnsThatFailTheChecksumOrShape(String abn) {
        assertThat(BusinessNumbers.isValidAbn(abn)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"000000019", "005749986", "010499966", "004085616", "000250000", "123456780"})
    void acceptsPublishedAcns(String acn) {
        assertThat(BusinessNumbers.isValidAcn(acn)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"000000018", "010499965", "005749987", "00574998", "0057499860", "00574998X"})
    void refusesAcnsThatFailTheCheckDigitOrShape(String acn) {
        assertThat(BusinessNumbers.isValidAcn(acn)).isFalse();
    }
}
