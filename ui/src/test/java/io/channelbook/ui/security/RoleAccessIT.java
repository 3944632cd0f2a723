package io.channelbook.ui.security;

import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.partner.PartnerRequests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What each role may do with partners and invitations. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleAccessIT extends StandaloneIntegrationTest {

    SecurityFixtures fixtures;
    String partner;

    @BeforeAll
    void aPartner() {
        fixtures = new SecurityFixtures(as(ADMIN_EMAIL, ADMIN_PASSWORD), anonymous, port);
        partner = fixtures.registerPartner("Roles Ltd");
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"FINANCE", "ANALYST"})
    void readOnlyVendorRolesReadPartnersButCannotChangeThem(Role role) {
        WebTestClient client = fixtures.user(role, null).client();
        long eventsBefore = settledEvents();

        client.get().uri("/api/partners").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items").isArray();
        client.get().uri("/api/partners/{id}", partner).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.partnerId").isEqualTo(partner);

        client.post().uri("/api/partners").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PartnerRequests.valid("Not Allowed Ltd", "not-allowed.example"))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
        for (String change : new String[]{"activate", "suspend"}) {
            client.post().uri("/api/partners/{id}/" + change, partner).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("reason", "not mine to decide"))
                    .exchange()
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.code").isEqualTo("forbidden");
        }
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void channelManagerRegistersAndActivatesPartners() {
        WebTestClient manager = fixtures.user(Role.CHANNEL_MANAGER, null).client();

        String registered = fixtures.registerPartner(manager, "Managed Ltd");
        manager.post().uri("/api/partners/{id}/activate", registered).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "agreement signed"))
                .exchange()
                .expectStatus().isAccepted();
        manager.get().uri("/api/partners/{id}", registered).exchange().expectStatus().isOk();
    }

    @Test
    void channelManagerInvitesPartnerUsers() {
        WebTestClient manager = fixtures.user(Role.CHANNEL_MANAGER, null).client();

        for (Role role : new Role[]{Role.PARTNER_ADMIN, Role.PARTNER_USER}) {
            manager.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(SecurityFixtures.invitation(SecurityFixtures.uniqueEmail("invitee"), role, partner))
                    .exchange()
                    .expectStatus().isCreated()
                    .expectBody()
                    .jsonPath("$.role").isEqualTo(role.name())
                    .jsonPath("$.partnerId").isEqualTo(partner)
                    .jsonPath("$.token").isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"PROGRAM_ADMIN", "CHANNEL_MANAGER", "FINANCE", "ANALYST"})
    void channelManagerCannotInviteVendorStaff(Role vendorRole) {
        WebTestClient manager = fixtures.user(Role.CHANNEL_MANAGER, null).client();

        manager.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.invitation(SecurityFixtures.uniqueEmail("staff"), vendorRole, null))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("role_not_allowed");
    }

    @Test
    void partnerAdminCannotInviteVendorStaff() {
        WebTestClient partnerAdmin = fixtures.user(Role.PARTNER_ADMIN, partner).client();

        partnerAdmin.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.invitation(SecurityFixtures.uniqueEmail("staff"), Role.PROGRAM_ADMIN, null))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("role_not_allowed");
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"PARTNER_USER", "FINANCE", "ANALYST"})
    void rolesWithoutInvitingRightsCannotInvite(Role role) {
        WebTestClient client = fixtures.user(role, role.isPartnerRole() ? partner : null).client();

        client.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.invitation(SecurityFixtures.uniqueEmail("colleague"), Role.PARTNER_USER, partner))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
    }

    @Test
    void vendorStaffBelongToNoPartner() {
        http.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.invitation(SecurityFixtures.uniqueEmail("finance"), Role.FINANCE, partner))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("partner_not_expected");
    }

    @Test
    void partnerRolesNeedAPartner() {
        for (WebTestClient inviter : new WebTestClient[]{http, fixtures.user(Role.CHANNEL_MANAGER, null).client()}) {
            inviter.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(SecurityFixtures.invitation(SecurityFixtures.uniqueEmail("orphan"), Role.PARTNER_USER, null))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("partner_required");
        }
    }

    @Test
    void invitationToAnUnknownPartnerIsNotFound() {
        http.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.invitation(SecurityFixtures.uniqueEmail("lost"), Role.PARTNER_ADMIN, "no-such-partner"))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("partner_not_found");
    }

    @Test
    void unknownRoleIsABadRequest() {
        http.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", SecurityFixtures.uniqueEmail("root"), "role", "SUPERUSER"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"CHANNEL_MANAGER", "ANALYST"})
    void auditTrailIsForFinanceAndProgramAdminsOnly(Role role) {
        fixtures.user(role, null).client().get().uri("/api/audit?aggregateId={id}", partner).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
    }
}
