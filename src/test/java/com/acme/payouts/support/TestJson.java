package com.acme.payouts.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** An ObjectMapper configured the way Spring Boot configures the application's (java.time, ISO dates). */
public final class TestJson {

    private TestJson() {}

    public static ObjectMapper mapper() {
        // Spring Boot's own defaults on top of Spring's builder: ISO-8601 dates and durations.
        return Jackson2ObjectMapperBuilder.json()
                .featuresToDisable(
                        SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
    }
}
