package io.channelbook.ui.partner;

import io.channelbook.ui.StandaloneIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad partner request is a 400 problem+json that says what to fix, and stores nothing. */
class PartnerBadInputIT extends StandaloneIntegrationTest {

    private long eventsBefore;

    @BeforeEach
    void countEvents() {
        eventsBefore = settledEvents();
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(storedEvents()).as("events stored by a refused request").isEqualTo(eventsBefore);
    }

    @Test
    void malformedJsonIsRefused() {
        postRaw("{\"legalName\": \"Acme\", ")
                .jsonPath("$.code").isEqualTo("malformed_request")
                .jsonPath("$.detail").isEqualTo("The request body is not valid JSON");
    }

    @Test
    void missingBodyIsRefused() {
        postRaw("")
                .jsonPath("$.code").isEqualTo("malformed_request");
    }

    @Test
    void missingFieldsAreNamed() {
        post(Map.of("legalName", "Acme GmbH"))
                .jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .contains("country", "websiteDomain", "programType", "primaryContact"));
    }

    @Test
    void oversizedStringsAreRefused() {
        Map<String, Object> body = PartnerRequests.valid("A".repeat(201), "acme.de");
        post(body)
                .jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[0].field").isEqualTo("legalName");
    }

    @Test
    void hugeBodiesAreRefusedBeforeParsing() {
        http.post().uri("/api/partners").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"legalName\": \"" + "A".repeat(400_000) + "\"}")
                .exchange()
                .expectStatus().is4xxClientError()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("payload_too_large");
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() {
        Map<String, Object> body = PartnerRequests.valid("Acme GmbH", "acme.de");
        body.put("programType", "wholesaler");
        post(body)
                .jsonPath("$.code").isEqualTo("malformed_request")
                .jsonPath("$.detail").isEqualTo(
                        "Invalid value 'wholesaler' for field 'programType'; expected one of [RESELLER, REFERRAL, SERVICES]");
    }

    @Test
    void invalidCountryDomainAndEmailAreNamed() {
        Map<String, Object> body = PartnerRequests.valid("Acme GmbH", "not a domain");
        body.put("country", "Germany");
        body.put("primaryContact", Map.of("name", "Ana", "email", "ana-at-acme"));
        post(body)
                .jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .containsExactly("country", "primaryContact.email", "websiteDomain"));
    }

    @Test
    void wrongTypeIsRefused() {
        Map<String, Object> body = PartnerRequests.valid("Acme GmbH", "acme.de");
        body.put("primaryContact", List.of("Ana"));
        post(body)
                .jsonPath("$.code").isEqualTo("malformed_request")
                .jsonPath("$.detail").isEqualTo("Wrong type of value for field 'primaryContact'");
    }

    @Test
    void statusChangeWithoutReasonIsRefused() {
        http.post().uri("/api/partners/{id}/suspend", "any-partner").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", " "))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
    }

    @Test
    void invalidPagingIsRefused() {
        http.get().uri("/api/partners?size=1000").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        http.get().uri("/api/partners?status=SLEEPING").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("malformed_request");
    }

    @Test
    void wrongMediaTypeIsRefused() {
        http.post().uri("/api/partners").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("legalName=Acme")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.code").isEqualTo("unsupported_media_type");
    }

    private WebTestClient.BodyContentSpec post(Map<String, Object> body) {
        return http.post().uri("/api/partners").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }

    private WebTestClient.BodyContentSpec postRaw(String json) {
        return http.post().uri("/api/partners").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }
}
