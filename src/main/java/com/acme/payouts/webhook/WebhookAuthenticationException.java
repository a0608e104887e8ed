package com.acme.payouts.webhook;

/** A webhook that did not prove it came from Monoova; answered 401, nothing stored or queued. */
public class WebhookAuthenticationException extends RuntimeException {

    public WebhookAuthenticationException(String reason) {
        super(reason);
    }
}
