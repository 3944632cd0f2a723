package io.channelbook.api.partner;

/** How a partner takes part in the channel program. */
public enum ProgramType {
    RESELLER,
    REFERRAL,
    SERVICES
}
