package io.channelbook.ui.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Channelbook's own settings ({@code channelbook.*}).
 *
 * @param dataDir    where the standalone mode keeps its event store and embedded read-model store
 * @param eventStore how the standalone event store treats gaps in its global sequence
 */
@ConfigurationProperties("channelbook")
public record ChannelbookProperties(@DefaultValue("./data") Path dataDir, @DefaultValue EventStore eventStore) {

    /**
     * A gap in the global sequence is either a transaction still committing (it fills in) or one that rolled back
     * (it never fills in). Event processors wait for a gap while it is younger than {@code gapTimeout} and remember
     * at most {@code maxGapOffset} positions behind the newest event; older gaps are skipped for good.
     */
    public record EventStore(@DefaultValue("60s") Duration gapTimeout, @DefaultValue("10000") int maxGapOffset) {
    }
}
