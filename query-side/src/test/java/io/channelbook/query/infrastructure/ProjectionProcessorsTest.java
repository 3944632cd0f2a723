package io.channelbook.query.infrastructure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectionProcessorsTest {

    @Test
    void aGroupsOwnBatchSizeWinsOverTheDefault() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("channelbook.projections.ledger.batch-size", "20000");

        assertThat(ProjectionProcessors.batchSize(environment, "ledger", 500)).isEqualTo(20000);
        assertThat(ProjectionProcessors.batchSize(environment, "partner-list", 500)).isEqualTo(500);
    }

    @Test
    void theQuerySidesConfigurationGivesProjectionsThatBatchTheirDocumentsLargerBatchesThanTheOthers() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("query-side", new ClassPathResource("query-side.yml"))
                .forEach(environment.getPropertySources()::addLast);
        int defaultBatchSize = environment.getProperty("channelbook.projections.batch-size", Integer.class);

        assertThat(ProjectionProcessors.batchSize(environment, "ledger", defaultBatchSize)).isEqualTo(20000);
        for (String group : List.of("partner-detail", "partner-list", "deal-detail", "deal-list", "customer-claims")) {
            assertThat(ProjectionProcessors.batchSize(environment, group, defaultBatchSize)).as(group).isEqualTo(5000);
        }
        assertThat(ProjectionProcessors.batchSize(environment, "audit-trail", defaultBatchSize)).isEqualTo(500);
        assertThat(ProjectionProcessors.batchSize(environment, "commission-plans", defaultBatchSize)).isEqualTo(500);
    }

    @Test
    void theLedgerRunsInTwoSegmentsAndEveryOtherGroupInOne() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("query-side", new ClassPathResource("query-side.yml"))
                .forEach(environment.getPropertySources()::addLast);

        assertThat(ProjectionProcessors.segments(environment, "ledger")).isEqualTo(2);
        assertThat(ProjectionProcessors.segments(environment, "deal-list")).isEqualTo(1);
        assertThatThrownBy(() -> ProjectionProcessors.segments(
                new MockEnvironment().withProperty("channelbook.projections.ledger.segments", "0"), "ledger"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channelbook.projections.ledger.segments");
    }

    @Test
    void aBatchSizeBelowOneIsRefusedAtStartUp() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("channelbook.projections.ledger.batch-size", "0");

        assertThatThrownBy(() -> ProjectionProcessors.batchSize(environment, "ledger", 500))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channelbook.projections.ledger.batch-size");
    }
}
