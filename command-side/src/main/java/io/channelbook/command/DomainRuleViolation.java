package io.channelbook.command;

import io.channelbook.api.common.ErrorDetails;
import io.channelbook.api.common.ErrorKind;

/**
 * A command refused by a business rule. The code is stable: clients and the web edge rely on it.
 * {@link io.channelbook.command.infrastructure.DomainErrorTranslator} turns it into the details of an Axon
 * {@code CommandExecutionException}, so the refusal crosses process boundaries intact in the distributed mode.
 */
public class DomainRuleViolation extends RuntimeException {

    private final String code;
    private final ErrorKind kind;

    public DomainRuleViolation(String code, ErrorKind kind, String message) {
        super(message);
        this.code = code;
        this.kind = kind;
    }

    public static DomainRuleViolation invalid(String code, String message) {
        return new DomainRuleViolation(code, ErrorKind.INVALID, message);
    }

    public static DomainRuleViolation conflict(String code, String message) {
        return new DomainRuleViolation(code, ErrorKind.CONFLICT, message);
    }

    public static DomainRuleViolation notFound(String code, String message) {
        return new DomainRuleViolation(code, ErrorKind.NOT_FOUND, message);
    }

    public static DomainRuleViolation ruleViolated(String code, String message) {
        return new DomainRuleViolation(code, ErrorKind.RULE_VIOLATED, message);
    }

    public ErrorDetails details() {
        return new ErrorDetails(code, getMessage(), kind);
    }

    public String code() {
        return code;
    }
}
