package io.channelbook.ui.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an OIDC provider configured (the standard {@code spring.security.oauth2.client.*} settings), pages offer
 * login through it and send the browser to the provider's authorization endpoint with a proper code request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.security.oauth2.client.registration.corp.client-id=channelbook",
        "spring.security.oauth2.client.registration.corp.client-secret=not-a-real-secret",
        "spring.security.oauth2.client.registration.corp.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.corp.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.registration.corp.scope=openid,email",
        "spring.security.oauth2.client.provider.corp.authorization-uri=https://idp.example.test/authorize",
        "spring.security.oauth2.client.provider.corp.token-uri=https://idp.example.test/token",
        "spring.security.oauth2.client.provider.corp.jwk-set-uri=https://idp.example.test/jwks",
        "spring.security.oauth2.client.provider.corp.user-name-attribute=sub",
        "channelbook.security.admin-email=admin@channelbook.test",
        "channelbook.security.admin-password=correct horse battery staple"})
class OidcLoginIT {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        String dir = Files.createTempDirectory("channelbook-oidc-it").toString();
        registry.add("channelbook.data-dir", () -> dir);
    }

    @Autowired
    WebTestClient browser;

    @Test
    void loginPageOffersTheProvider() {
        String page = browser.get().uri("/login").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("/oauth2/authorization/corp");
    }

    @Test
    void protectedPageSendsTheBrowserToTheProviderWithACodeRequest() {
        URI location = browser.get().uri("/oauth2/authorization/corp").exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getLocation();

        UriComponents request = UriComponentsBuilder.fromUri(location).build();
        assertThat(request.getHost()).isEqualTo("idp.example.test");
        assertThat(request.getPath()).isEqualTo("/authorize");
        assertThat(request.getQueryParams().getFirst("response_type")).isEqualTo("code");
        assertThat(request.getQueryParams().getFirst("client_id")).isEqualTo("channelbook");
        assertThat(request.getQueryParams().getFirst("scope")).isEqualTo("openid%20email");
        assertThat(request.getQueryParams().getFirst("state")).isNotBlank();
        assertThat(request.getQueryParams().getFirst("nonce")).isNotBlank();
        assertThat(request.getQueryParams().getFirst("redirect_uri")).contains("/login/oauth2/code/corp");
    }

    @Test
    void apiStaysOnBasicAndBearerAndAnswers401NotARedirect() {
        browser.get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }
}
