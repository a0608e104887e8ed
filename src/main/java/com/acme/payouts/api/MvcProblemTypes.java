package com.acme.payouts.api;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problems Spring MVC answers itself, before any route runs (a POST without a Content-Type, a method
 * the path does not have), with the same {@code /problems/...} types as the routes' own problems, so
 * a client can dispatch on {@code type} alone. Spring's default is {@code about:blank}. Replaces the
 * handler {@code spring.mvc.problemdetails.enabled} would register (it backs off for this one).
 */
@RestControllerAdvice
public class MvcProblemTypes extends ResponseEntityExceptionHandler {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    /** Where the body is final: the handler methods pass none and let the exception make it. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && ABOUT_BLANK.equals(problem.getType())) {
            problem.setType(URI.create("/problems/" + typeOf(status)));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    /** The slug of the routes' problem types for the statuses Spring MVC answers. */
    static String typeOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return "http-" + status.value();
        }
        return known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
