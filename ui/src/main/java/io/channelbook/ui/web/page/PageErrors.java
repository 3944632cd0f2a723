package io.channelbook.ui.web.page;

import io.channelbook.api.common.ErrorDetails;
import io.channelbook.ui.web.RequestIdFilter;
import io.channelbook.ui.web.problem.ApiExceptionHandler;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;

import java.util.concurrent.CompletionException;

/**
 * What a page says when something is refused: the same stable codes and messages the API answers as problem+json,
 * and for our own faults only a request id, never a stack trace.
 */
final class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    private PageErrors() {
    }

    record Refusal(HttpStatusCode status, String code, String message) {
    }

    static Refusal of(Throwable error, ServerWebExchange exchange) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CommandExecutionException refused
                && refused.getDetails().orElse(null) instanceof ErrorDetails details) {
            return new Refusal(ApiExceptionHandler.statusOf(details), details.code(), details.message());
        }
        if (cause instanceof ErrorResponse response && response.getBody().getDetail() != null) {
            Object code = response.getBody().getProperties() == null ? null : response.getBody().getProperties().get("code");
            return new Refusal(response.getStatusCode(), code == null ? "refused" : code.toString(), response.getBody().getDetail());
        }
        if (cause instanceof ConcurrencyException) {
            return new Refusal(HttpStatus.CONFLICT, "concurrent_modification",
                    "Someone else changed this at the same time; reload the page and try again.");
        }
        if (cause instanceof NoHandlerForCommandException || cause instanceof NoHandlerForQueryException) {
            return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                    "This part of Channelbook is not available right now; try again shortly.");
        }
        String requestId = exchange == null ? null : RequestIdFilter.requestIdOf(exchange);
        log.error("Page request {} failed (request id {})", exchange == null ? "" : exchange.getRequest().getPath(), requestId, cause);
        return new Refusal(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "Something went wrong on our side. Request id " + requestId + " identifies it in our logs.");
    }
}
