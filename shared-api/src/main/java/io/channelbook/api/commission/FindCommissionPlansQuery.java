package io.channelbook.api.commission;

/** All plans, by name. */
public record FindCommissionPlansQuery() {
}
