package com.acme.payouts.messaging;

import org.apache.camel.Message;

/**
 * Sending to SQS turns message headers into message attributes, and HTTP producers turn them into
 * request headers. Before either, only Camel's own headers (which both filter out, and which hold
 * the SQS receipt handle the consumer needs to delete the message) may remain.
 */
public final class MessageHeaders {

    private MessageHeaders() {}

    public static void keepOnlyCamel(Message message) {
        message.getHeaders().keySet().removeIf(name -> !name.startsWith("Camel"));
    }

    /** Drops the HTTP request/response headers of an inbound REST call or a previous HTTP call. */
    public static void dropHttp(Message message) {
        message.getHeaders().keySet().removeIf(name -> name.startsWith("CamelHttp"));
    }
}
