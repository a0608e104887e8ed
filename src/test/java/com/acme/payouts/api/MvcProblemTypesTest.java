package com.acme.payouts.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;

class MvcProblemTypesTest {

    @Test
    void spring_mvc_problems_get_the_same_types_as_the_routes_problems() {
        // ApiProblemException.unsupportedMediaType uses "unsupported-media-type"
        assertThat(MvcProblemTypes.typeOf(HttpStatusCode.valueOf(415))).isEqualTo("unsupported-media-type");
        assertThat(MvcProblemTypes.typeOf(HttpStatusCode.valueOf(405))).isEqualTo("method-not-allowed");
        assertThat(MvcProblemTypes.typeOf(HttpStatusCode.valueOf(404))).isEqualTo("not-found");
        assertThat(MvcProblemTypes.typeOf(HttpStatusCode.valueOf(599))).isEqualTo("http-599");
    }
}
