package io.channelbook.ui.web.problem;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/** Builds RFC 7807 problem details that always carry a stable, documented {@code code}. */
public final class Problems {

    public static final String CODE = "code";
    private static final String TYPE_PREFIX = "urn:channelbook:problem:";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(code));
        problem.setProperty(CODE, code);
        return problem;
    }

    static URI type(String code) {
        return URI.create(TYPE_PREFIX + code);
    }

    /** The code of a problem raised by the framework (wrong method, unknown route ...), derived from its status. */
    static String codeForStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            case 503 -> "service_unavailable";
            default -> status.is5xxServerError() ? "internal_error" : "client_error";
        };
    }
}
