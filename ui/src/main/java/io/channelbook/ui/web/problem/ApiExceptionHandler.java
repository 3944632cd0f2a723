package io.channelbook.ui.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.channelbook.api.common.ErrorDetails;
import io.channelbook.ui.web.RequestIdFilter;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Every error leaves the API as {@code application/problem+json} with a stable {@code code} and the request id.
 * A client's mistake is a 4xx with a message that says what to fix; only our own faults are a 500, and those
 * reveal nothing of the internals.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
            WebExchangeBindException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation_failed", "The request has invalid fields: "
                + fieldErrors(ex).stream().map(ApiExceptionHandler::describe).collect(Collectors.joining("; ")));
        problem.setProperty("errors", fieldErrors(ex).stream().map(error -> fieldError(error.getField(), error.getDefaultMessage())).toList());
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> fieldError(result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation_failed", "The request has invalid parameters: "
                + errors.stream().map(e -> e.get("field") + " " + e.get("message")).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed_request", describeInput(ex));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, exchange);
    }

    @ExceptionHandler(CommandExecutionException.class)
    Mono<ResponseEntity<Object>> handleRefusedCommand(CommandExecutionException ex, ServerWebExchange exchange) {
        return ex.getDetails()
                .filter(ErrorDetails.class::isInstance)
                .map(ErrorDetails.class::cast)
                .map(details -> respond(Problems.of(statusOf(details), details.code(), details.message()), exchange))
                .orElseGet(() -> handleUnexpected(ex, exchange));
    }

    @ExceptionHandler(ConcurrencyException.class)
    Mono<ResponseEntity<Object>> handleConcurrentChange(ConcurrencyException ex, ServerWebExchange exchange) {
        return respond(Problems.of(HttpStatus.CONFLICT, "concurrent_modification",
                "The resource was changed or created by another request at the same time; read it again and retry"), exchange);
    }

    @ExceptionHandler({NoHandlerForCommandException.class, NoHandlerForQueryException.class})
    Mono<ResponseEntity<Object>> handleNoHandler(RuntimeException ex, ServerWebExchange exchange) {
        log.warn("No handler available: {}", ex.getMessage());
        return respond(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                "The service that handles this request is not available; try again shortly"), exchange);
    }

    @ExceptionHandler(DataBufferLimitException.class)
    Mono<ResponseEntity<Object>> handleTooLarge(DataBufferLimitException ex, ServerWebExchange exchange) {
        return respond(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", "The request body is too large"), exchange);
    }

    @ExceptionHandler(CompletionException.class)
    Mono<ResponseEntity<Object>> handleCompletion(CompletionException ex, ServerWebExchange exchange) {
        Throwable cause = ex.getCause();
        if (cause instanceof CommandExecutionException refused) {
            return handleRefusedCommand(refused, exchange);
        }
        if (cause instanceof ConcurrencyException concurrent) {
            return handleConcurrentChange(concurrent, exchange);
        }
        if (cause instanceof NoHandlerForCommandException || cause instanceof NoHandlerForQueryException) {
            return handleNoHandler((RuntimeException) cause, exchange);
        }
        return handleUnexpected(ex, exchange);
    }

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
        log.error("Request {} {} failed (request id {})", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), RequestIdFilter.requestIdOf(exchange), ex);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "Something went wrong on our side; the request id identifies it in our logs"), exchange);
    }

    /** Every problem, the framework's own included, gets a code and the request id. */
    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getProperties() == null || !problem.getProperties().containsKey(Problems.CODE)) {
                String code = Problems.codeForStatus(status);
                problem.setType(Problems.type(code));
                problem.setProperty(Problems.CODE, code);
            }
            problem.setProperty("requestId", RequestIdFilter.requestIdOf(exchange));
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    private Mono<ResponseEntity<Object>> respond(ProblemDetail problem, ServerWebExchange exchange) {
        return createResponseEntity(problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), exchange);
    }

    public static HttpStatus statusOf(ErrorDetails details) {
        return switch (details.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case RULE_VIOLATED -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    private static Map<String, String> fieldError(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    private static List<FieldError> fieldErrors(WebExchangeBindException ex) {
        return ex.getFieldErrors().stream().sorted(Comparator.comparing(FieldError::getField)).toList();
    }

    private static String describe(FieldError error) {
        return error.getField() + " " + error.getDefaultMessage();
    }

    /** Says what was wrong with an unreadable body without echoing parser internals. */
    private static String describeInput(ServerWebInputException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidFormatException invalid) {
                String field = path(invalid);
                Class<?> target = invalid.getTargetType();
                if (target != null && target.isEnum()) {
                    return "Invalid value '" + invalid.getValue() + "' for " + field + "; expected one of "
                            + Arrays.toString(target.getEnumConstants());
                }
                return "Invalid value '" + invalid.getValue() + "' for " + field;
            }
            if (cause instanceof MismatchedInputException mismatched) {
                return "Wrong type of value for " + path(mismatched);
            }
            if (cause instanceof JsonProcessingException) {
                return "The request body is not valid JSON";
            }
        }
        if (ex.getReason() != null && ex.getReason().contains("No request body")) {
            return "A request body is required";
        }
        if (ex.getMethodParameter() != null && ex.getMethodParameter().getParameterName() != null) {
            return "Invalid value for parameter '" + ex.getMethodParameter().getParameterName() + "'";
        }
        return "The request could not be read";
    }

    private static String path(JsonMappingException ex) {
        String path = ex.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "the body" : "field '" + path + "'";
    }
}
