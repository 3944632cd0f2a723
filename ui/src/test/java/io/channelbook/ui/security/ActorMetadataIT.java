package io.channelbook.ui.security;

import io.channelbook.api.common.MetadataKeys;
import io.channelbook.ui.StandaloneIntegrationTest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event keeps who caused it: the user id of the authenticated actor (never a name someone could type into a
 * request), the role they acted in, and the request. Partner users have no command yet; RequestMetadataTest covers
 * the partner id they will carry.
 */
class ActorMetadataIT extends StandaloneIntegrationTest {

    @Autowired
    EventStore eventStore;

    @Test
    void eventsCausedByAChannelManagerNameThatUser() {
        SecurityFixtures fixtures = new SecurityFixtures(http, anonymous, port);
        SecurityFixtures.User manager = fixtures.user(Role.CHANNEL_MANAGER, null);
        String managerId = fixtures.userId(manager.client());
        String adminId = fixtures.userId(http);
        String partnerId = fixtures.registerPartner("Actors Ltd");

        manager.client().post().uri("/api/partners/{id}/activate", partnerId).contentType(MediaType.APPLICATION_JSON)
                .header("X-Correlation-Id", "activation-wave-3")
                // an attempt to pass as someone else: headers never name the actor
                .header("X-Actor-Id", adminId)
                .bodyValue(Map.of("reason", "agreement signed"))
                .exchange()
                .expectStatus().isAccepted();

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(partnerId).asStream().toList();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getMetaData())
                .containsEntry(MetadataKeys.ACTOR_ID, adminId)
                .containsEntry(MetadataKeys.ACTOR_ROLE, "PROGRAM_ADMIN");
        Map<String, Object> activation = events.get(1).getMetaData();
        assertThat(activation)
                .containsEntry(MetadataKeys.ACTOR_ID, managerId)
                .containsEntry(MetadataKeys.ACTOR_ROLE, "CHANNEL_MANAGER")
                .doesNotContainKey(MetadataKeys.ACTOR_PARTNER_ID)
                .containsEntry(MetadataKeys.CORRELATION_ID, "activation-wave-3")
                .containsEntry(MetadataKeys.CLIENT_ADDRESS, "127.0.0.1")
                .containsKey(MetadataKeys.REQUEST_ID);
        assertThat(managerId).isNotEqualTo(adminId).isNotEqualTo(manager.email());
    }

    @Test
    void eventsCausedThroughAnApiTokenNameTheTokensOwner() {
        SecurityFixtures fixtures = new SecurityFixtures(http, anonymous, port);
        SecurityFixtures.User manager = fixtures.user(Role.CHANNEL_MANAGER, null);
        String managerId = fixtures.userId(manager.client());
        String partnerId = fixtures.registerPartner(fixtures.bearer(fixtures.apiToken(manager.client(), "onboarding").secret()),
                "Token Actors Ltd");

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(partnerId).asStream().toList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getMetaData())
                .containsEntry(MetadataKeys.ACTOR_ID, managerId)
                .containsEntry(MetadataKeys.ACTOR_ROLE, "CHANNEL_MANAGER");
    }
}
