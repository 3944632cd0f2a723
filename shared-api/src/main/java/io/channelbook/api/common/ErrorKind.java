package io.channelbook.api.common;

/** The class of a refusal, which the web edge turns into an HTTP status. */
public enum ErrorKind {
    /** The addressed thing does not exist (404). */
    NOT_FOUND,
    /** The request is well formed but its values are not acceptable (400). */
    INVALID,
    /** The thing is in a state that does not allow the request (409). */
    CONFLICT,
    /** A business rule refuses the request (422). */
    RULE_VIOLATED
}
