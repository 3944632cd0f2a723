package io.channelbook.ui.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.channelbook.api.common.MetadataKeys;
import io.channelbook.ui.partner.PartnerRequests;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API as a resource server for an identity provider's JWTs: the role and partner come from the token's claims,
 * and any token that is not exactly what the provider signed is a 401, never a 500.
 */
class JwtResourceServerIT extends ConfiguredSecurityIntegrationTest {

    @Autowired
    EventStore eventStore;

    @Test
    void vendorTokenReadsPartners() {
        WebTestClient finance = withBearer(jwt(claims("idp-fin-1", "fin@vendor.example", "FINANCE").build()));

        finance.get().uri("/api/partners").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items").isArray();
        finance.get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.userId").isEqualTo("jwt:idp-fin-1")
                .jsonPath("$.email").isEqualTo("fin@vendor.example")
                .jsonPath("$.roles").isEqualTo(List.of("FINANCE"))
                .jsonPath("$.partnerId").doesNotExist()
                .jsonPath("$.authenticatedBy").isEqualTo("JWT");
        finance.post().uri("/api/partners").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PartnerRequests.valid("Jwt Finance Ltd", "jwt-finance.example"))
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void roleClaimMayBeASpaceSeparatedStringAndUnknownRolesAreSkipped() {
        WebTestClient analyst = withBearer(jwt(claims("idp-an-1", "an@vendor.example")
                .claim("roles", "offline_access ANALYST").build()));

        analyst.get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.roles").isEqualTo(List.of("ANALYST"));
    }

    @Test
    void partnerTokenGetsItsPartnerFromTheClaim() {
        String partnerA = fixtures.registerPartner("Jwt Partner A Ltd");
        String partnerB = fixtures.registerPartner("Jwt Partner B Ltd");
        WebTestClient partnerUser = withBearer(jwt(claims("idp-pu-1", "pu@partner-a.example", "PARTNER_USER")
                .claim("partner_id", partnerA).build()));

        partnerUser.get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.partnerId").isEqualTo(partnerA)
                .jsonPath("$.roles").isEqualTo(List.of("PARTNER_USER"))
                .jsonPath("$.authenticatedBy").isEqualTo("JWT");
        partnerUser.get().uri(uri -> uri.path("/api/me/partner").queryParam("partnerId", partnerB).build()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.partnerId").isEqualTo(partnerA);
        partnerUser.get().uri("/api/partners/{id}", partnerB).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
    }

    @Test
    void vendorTokenNeverCarriesAPartner() {
        withBearer(jwt(claims("idp-cm-9", "cm9@vendor.example", "CHANNEL_MANAGER").claim("partner_id", "some-partner").build()))
                .get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.partnerId").doesNotExist();
    }

    @Test
    void commandsThroughAJwtNameTheTokensSubject() {
        WebTestClient manager = withBearer(jwt(claims("idp-cm-1", "cm@vendor.example", "CHANNEL_MANAGER").build()));

        String partnerId = fixtures.registerPartner(manager, "Jwt Managed Ltd");

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(partnerId).asStream().toList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getMetaData())
                .containsEntry(MetadataKeys.ACTOR_ID, "jwt:idp-cm-1")
                .containsEntry(MetadataKeys.ACTOR_ROLE, "CHANNEL_MANAGER");
    }

    @Test
    void partnerRoleWithoutPartnerIsUnauthorized() {
        for (JWTClaimsSet claims : List.of(
                claims("idp-pu-2", "pu2@partner.example", "PARTNER_USER").build(),
                claims("idp-pa-2", "pa2@partner.example", "PARTNER_ADMIN").claim("partner_id", " ").build())) {
            assertUnauthorized(jwt(claims));
        }
    }

    @Test
    void tokenWithoutAKnownRoleIsUnauthorized() {
        assertUnauthorized(jwt(claims("idp-x-1", "x@vendor.example").build()));
        assertUnauthorized(jwt(claims("idp-x-2", "x2@vendor.example", "SUPERUSER", "ROLE_ADMIN").build()));
        assertUnauthorized(jwt(claims("idp-x-3", "x3@vendor.example").claim("roles", 42).build()));
    }

    @Test
    void tokenWithoutSubjectIsUnauthorized() {
        assertUnauthorized(jwt(new JWTClaimsSet.Builder(claims("ignored", "nosub@vendor.example", "FINANCE").build())
                .subject(null).build()));
    }

    @Test
    void expiredTokenIsUnauthorized() {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        assertUnauthorized(jwt(claims("idp-fin-2", "fin2@vendor.example", "FINANCE")
                .issueTime(Date.from(twoHoursAgo))
                .expirationTime(Date.from(twoHoursAgo.plus(Duration.ofHours(1))))
                .build()));
    }

    @Test
    void tokenFromAnotherIssuersKeyIsUnauthorized() {
        assertUnauthorized(sign(claims("idp-fin-3", "fin3@vendor.example", "PROGRAM_ADMIN").build(), rsaKeyPair().getPrivate()));
    }

    @Test
    void tamperedTokensAreUnauthorized() {
        String genuine = jwt(claims("idp-pu-3", "pu3@partner.example", "PARTNER_USER").claim("partner_id", "partner-a").build());
        String[] parts = genuine.split("\\.");
        String elevatedPayload = base64Url(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("PARTNER_USER", "PROGRAM_ADMIN"));
        String unsignedHeader = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        char lastOfSignature = parts[2].charAt(parts[2].length() - 2);

        assertUnauthorized(parts[0] + "." + elevatedPayload + "." + parts[2]);
        assertUnauthorized(unsignedHeader + "." + elevatedPayload + ".");
        assertUnauthorized(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (lastOfSignature == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1));
        assertUnauthorized(parts[0] + "." + parts[1]);
        assertUnauthorized(parts[0] + "." + parts[1] + ".");
        assertUnauthorized("not.a.jwt");
        assertUnauthorized("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln");
        // and the genuine one does work, so the refusals above are about the tampering
        withBearer(genuine).get().uri("/api/me").exchange().expectStatus().isOk();
    }

    @Test
    void jwtUserCannotMintPersonalTokensForALocalAccountWithTheSameEmail() {
        SecurityFixtures.User localAdmin = fixtures.user(Role.PROGRAM_ADMIN, null);
        String partnerId = fixtures.registerPartner("Jwt Escalation Ltd");
        SecurityFixtures.IssuedToken localToken = fixtures.apiToken(localAdmin.client(), "local");
        // an identity-provider user who shares the local admin's email but only holds a partner role
        WebTestClient partnerUser = withBearer(jwt(claims("idp-pu-4", localAdmin.email(), "PARTNER_USER")
                .claim("partner_id", partnerId).build()));

        partnerUser.post().uri("/api/me/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "escalation", "expiresInDays", 30))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("local_account_required");
        partnerUser.get().uri("/api/me/tokens").exchange()
                .expectStatus().isForbidden();
        partnerUser.delete().uri("/api/me/tokens/{id}", localToken.tokenId()).exchange()
                .expectStatus().isForbidden();

        fixtures.bearer(localToken.secret()).get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.roles").isEqualTo(List.of("PROGRAM_ADMIN"));
    }

    private void assertUnauthorized(String token) {
        withBearer(token).get().uri("/api/partners").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    private static String base64Url(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
