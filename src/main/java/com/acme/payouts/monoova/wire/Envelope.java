package com.acme.payouts.monoova.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The three fields every Monoova JSON response carries. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Envelope(Long durationMs, String status, String statusDescription) {

    public boolean isOk() {
        return "Ok".equalsIgnoreCase(status);
    }
}
