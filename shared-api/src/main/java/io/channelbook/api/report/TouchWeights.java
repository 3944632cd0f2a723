package io.channelbook.api.report;

/** Weights per touch type for {@link AttributionModel#WEIGHTED}: non-negative whole numbers, e.g. 60 / 30 / 10. */
public record TouchWeights(int sourced, int influenced, int delivered) {

    public static final TouchWeights DEFAULT = new TouchWeights(60, 30, 10);
}
