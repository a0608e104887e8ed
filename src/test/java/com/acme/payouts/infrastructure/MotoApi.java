package com.acme.payouts.infrastructure;

import com.acme.payouts.support.MotoServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The few CloudFormation, ACM, ECS and Elastic Load Balancing calls the infrastructure IT makes, as
 * plain HTTP against moto: the Maven repository serves no AWS SDK 2.41.2 build of those four modules,
 * and moto needs no signature (the {@code Authorization} header only tells it which service and
 * account are meant).
 */
final class MotoApi {

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    MotoApi(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** An AWS query-protocol call (CloudFormation, ELBv2): form parameters in, XML out. */
    Document query(String service, String version, String action, Map<String, String> parameters) {
        String form = "Action=" + encode(action) + "&Version=" + encode(version) + parameters.entrySet().stream()
                .map(e -> "&" + encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining());
        String body = send(service, HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form)), service + " " + action);
        try {
            // not namespace-aware: XPath can name elements without the service's XML namespace
            return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(service + " " + action + ": unreadable answer " + body, e);
        }
    }

    /** An AWS JSON 1.1 call (ACM, ECS): {@code target} is {@code Prefix.Operation}. */
    JsonNode json(String service, String target, Object request) {
        try {
            String body = send(service, HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", target)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request))), target);
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(target, e);
        }
    }

    /** The text of every node {@code xpath} selects. */
    static List<String> texts(Node node, String xpath) {
        List<String> out = new ArrayList<>();
        NodeList nodes = nodes(node, xpath);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().strip());
        }
        return out;
    }

    static String text(Node node, String xpath) {
        List<String> all = texts(node, xpath);
        return all.isEmpty() ? null : all.get(0);
    }

    static NodeList nodes(Node node, String xpath) {
        try {
            return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, node, XPathConstants.NODESET);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    private String send(String service, HttpRequest.Builder request, String what) {
        request.timeout(Duration.ofSeconds(60)).header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/"
                + MotoServer.REGION + "/" + service + "/aws4_request, SignedHeaders=host, Signature=0");
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(what + " failed with HTTP " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what, e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
