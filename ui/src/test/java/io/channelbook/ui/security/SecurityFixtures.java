package io.channelbook.ui.security;

import io.channelbook.ui.partner.PartnerRequests;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;

/**
 * Partners and users made the way a customer makes them: partners registered through the API, users invited and
 * accepting their invitation. Every email is unique, because the test classes share one running application.
 */
public final class SecurityFixtures {

    private final WebTestClient admin;
    private final WebTestClient anonymous;
    private final int port;

    /**
     * @param admin     a program admin's client: registers partners and invites anyone
     * @param anonymous a client without credentials, as an invitee has
     * @param port      the application's port, for clients that connect from another address
     */
    public SecurityFixtures(WebTestClient admin, WebTestClient anonymous, int port) {
        this.admin = admin;
        this.anonymous = anonymous;
        this.port = port;
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.com";
    }

    /** A password that passes every rule (length, not the email name) and is unique, so it can be searched for. */
    public static String uniquePassword() {
        return "pw " + UUID.randomUUID();
    }

    /** Registers a partner and waits until its detail is readable. */
    public String registerPartner(String legalName) {
        return registerPartner(admin, legalName);
    }

    public String registerPartner(WebTestClient registrar, String legalName) {
        String domain = legalName.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String partnerId = registrar.post().uri("/api/partners").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PartnerRequests.valid(legalName, domain))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("partnerId").toString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin.get().uri("/api/partners/{id}", partnerId)
                .exchange().expectStatus().isOk());
        return partnerId;
    }

    /** Registers a partner and activates it, as the admin; answers once the partner reads ACTIVE. */
    public String activePartner(String legalName) {
        String partnerId = registerPartner(legalName);
        admin.post().uri("/api/partners/{id}/activate", partnerId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "Agreement signed")).exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> admin.get().uri("/api/partners/{id}", partnerId)
                .exchange().expectBody().jsonPath("$.status").isEqualTo("ACTIVE"));
        return partnerId;
    }

    /** Invites as the admin and answers the secret invitation token. */
    public String invite(String email, Role role, String partnerId) {
        return invite(admin, email, role, partnerId);
    }

    public String invite(WebTestClient inviter, String email, Role role, String partnerId) {
        return inviter.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(invitation(email, role, partnerId))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("token").toString();
    }

    public static Map<String, Object> invitation(String email, Role role, String partnerId) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("role", role.name());
        if (partnerId != null) {
            body.put("partnerId", partnerId);
        }
        return body;
    }

    public void accept(String token, String password) {
        anonymous.post().uri("/api/invitations/{token}/accept", token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", password, "displayName", "Test User"))
                .exchange()
                .expectStatus().isCreated();
    }

    /** A new account with this role (and partner, for partner roles), invited by the admin and accepted. */
    public User user(Role role, String partnerId) {
        String email = uniqueEmail(role.name().toLowerCase().replace('_', '-'));
        String password = uniquePassword();
        accept(invite(email, role, partnerId), password);
        return new User(email, password, basic(email, password));
    }

    public WebTestClient basic(String email, String password) {
        return anonymous.mutate().defaultHeaders(headers -> headers.setBasicAuth(email, password)).build();
    }

    public WebTestClient bearer(String token) {
        return anonymous.mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
    }

    /** Creates a personal API token for the client's user. */
    public IssuedToken apiToken(WebTestClient owner, String name) {
        Map<?, ?> issued = owner.post().uri("/api/me/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name, "expiresInDays", 30))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return new IssuedToken(issued.get("tokenId").toString(), issued.get("token").toString());
    }

    public String userId(WebTestClient client) {
        return client.get().uri("/api/me").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("userId").toString();
    }

    /**
     * A client whose requests come from another loopback address (Linux routes all of 127/8 to lo). Logins throttled
     * per client address must not use 127.0.0.1, which every other test shares.
     */
    public WebTestClient fromAddress(String address) {
        HttpClient client = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(client))
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A loopback address other than 127.0.0.1, different on every call (with overwhelming likelihood). */
    public static String otherLoopbackAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }

    public static WebTestClient withBasic(WebTestClient client, String email, String password) {
        return client.mutate().defaultHeaders(headers -> headers.setBasicAuth(email, password)).build();
    }

    public record User(String email, String password, WebTestClient client) {
    }

    public record IssuedToken(String tokenId, String secret) {
    }
}
