package io.channelbook.api.common;

import java.util.List;

/**
 * Who/why metadata carried by every command and kept on every event it causes. The keys are the contract between
 * the web edge (which fills them from the authenticated request) and the audit trail.
 */
public final class MetadataKeys {

    /** The authenticated user who asked for the change, or {@code system:...} for automated actions. */
    public static final String ACTOR_ID = "actorId";
    /** The role under which the actor acted. */
    public static final String ACTOR_ROLE = "actorRole";
    /** The partner the actor belongs to, for partner users; absent for vendor staff. */
    public static final String ACTOR_PARTNER_ID = "actorPartnerId";
    /**
     * Groups every message caused by one business request: the caller's {@code X-Correlation-Id} or else the request
     * id. Axon's trace key, which Axon copies unchanged from a message to everything it causes.
     */
    public static final String CORRELATION_ID = "traceId";
    /**
     * The id of the message that directly caused this one (for an event, the command; for a command sent by a
     * process manager, the event). Axon's "correlationId" key, which Axon sets to the parent message's id.
     */
    public static final String CAUSATION_ID = "correlationId";
    /** The HTTP request (or other delivery) that carried the command. */
    public static final String REQUEST_ID = "requestId";
    /** Network address the request came from. */
    public static final String CLIENT_ADDRESS = "clientAddress";

    /** Keys copied from a command to the events it causes (Axon maintains the correlation and causation ids). */
    public static final List<String> PROPAGATED = List.of(ACTOR_ID, ACTOR_ROLE, ACTOR_PARTNER_ID, REQUEST_ID, CLIENT_ADDRESS);

    private MetadataKeys() {
    }
}
