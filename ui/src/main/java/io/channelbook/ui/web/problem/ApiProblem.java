package io.channelbook.ui.web.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refusal raised by the web edge itself, answered as problem+json with a stable {@code code}. */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatus status, String code, String detail) {
        super(status, Problems.of(status, code, detail), null);
    }

    public static ApiProblem notFound(String code, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ApiProblem badRequest(String code, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, code, detail);
    }
}
