package com.acme.payouts.monoova;

import com.acme.payouts.payee.BsbCheck;
import com.acme.payouts.payee.BsbCheckUnavailableException;
import com.acme.payouts.payee.BsbDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BSB directory backed by Monoova's {@code GET /tools/v1/bsbValidate/{bsbNumber}}
 * ({@code DTO.ToolsBsbValidateResponse_V1}), classified for the vault:
 *
 * <ul>
 *   <li>HTTP 200, {@code status} Ok, {@code closed} false: open.
 *   <li>HTTP 200, {@code status} Ok, {@code closed} true: closed; a BSB written in {@code address} other than the
 *       one asked about is the replacement hint (the spec: the address "MAY contain a reference to a replacement BSB
 *       number").
 *   <li>HTTP 200 with another {@code status}, or HTTP 400: Monoova does not accept this BSB, so unknown. The spec is
 *       silent on how an unknown BSB is answered; both are refusals of a well-formed BSB we sent.
 *   <li>anything else (no answer within the configured Monoova timeouts, network error, 401/403, 5xx, a 200 that is
 *       not JSON or lacks {@code closed}): unavailable. It never reads as open.
 * </ul>
 */
public class MonoovaBsbDirectory implements BsbDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(MonoovaBsbDirectory.class);
    private static final Pattern BSB_IN_TEXT = Pattern.compile("(?<![0-9])([0-9]{3})-?([0-9]{3})(?![0-9])");

    private final Function<String, JsonNode> lookup;

    public MonoovaBsbDirectory(MonoovaAdminClient admin) {
        this(admin::bsbValidate);
    }

    /** @param lookup the call itself: the parsed body of a 200, or a {@link MonoovaAdminClient.MonoovaCallException} */
    MonoovaBsbDirectory(Function<String, JsonNode> lookup) {
        this.lookup = lookup;
    }

    @Override
    public BsbCheck check(String bsb) {
        JsonNode answer;
        try {
            answer = lookup.apply(bsb);
        } catch (MonoovaAdminClient.MonoovaCallException e) {
            Integer status = MonoovaHttp.failedStatus(e);
            if (status != null && status == 400) {
                return BsbCheck.unknown();
            }
            String reason = status == null ? "no answer" : "HTTP " + status;
            LOG.warn("Monoova BSB check unavailable: {} ({})", reason, rootName(e));
            throw new BsbCheckUnavailableException(reason, e);
        } catch (RuntimeException e) {
            LOG.warn("Monoova BSB check unavailable: {}", rootName(e));
            throw new BsbCheckUnavailableException("unreadable answer", e);
        }
        if (answer == null || !answer.isObject()) {
            throw new BsbCheckUnavailableException("unreadable answer", null);
        }
        if (!"Ok".equalsIgnoreCase(answer.path("status").asText(""))) {
            return BsbCheck.unknown();
        }
        JsonNode closed = answer.get("closed");
        if (closed == null || !closed.isBoolean()) {
            throw new BsbCheckUnavailableException("answer without closed", null);
        }
        if (!closed.booleanValue()) {
            return BsbCheck.open();
        }
        return BsbCheck.closed(replacement(answer.path("address").asText(""), bsb));
    }

    /** The first BSB in {@code address} that is not {@code asked}, normalised; null if there is none. */
    static String replacement(String address, String asked) {
        Matcher m = BSB_IN_TEXT.matcher(address);
        while (m.find()) {
            String found = m.group(1) + "-" + m.group(2);
            if (!found.equals(asked)) {
                return found;
            }
        }
        return null;
    }

    private static String rootName(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
