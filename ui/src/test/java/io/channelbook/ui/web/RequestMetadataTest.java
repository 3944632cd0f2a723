package io.channelbook.ui.web;

import io.channelbook.api.common.MetadataKeys;
import io.channelbook.ui.security.ChannelbookAuthentication;
import io.channelbook.ui.security.ChannelbookUser;
import io.channelbook.ui.security.Role;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** The who/why metadata a command gets from the request that carries it. */
class RequestMetadataTest {

    private final RequestMetadata requestMetadata = new RequestMetadata();

    @Test
    void partnerUsersCommandsCarryTheirPartnerFromTheLogin() {
        ChannelbookUser partnerUser = new ChannelbookUser("user-7", "pia@partner.example", "Pia", Role.PARTNER_USER,
                "partner-b", false, ChannelbookUser.LoginMethod.API_TOKEN);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/deals")
                .remoteAddress(new InetSocketAddress("10.1.2.3", 40000))
                .header(RequestIdFilter.CORRELATION_ID_HEADER, "batch-1")
                // a partner named by the request is never the actor's partner
                .header("X-Partner-Id", "partner-a"));

        MetaData metaData = requestMetadata.of(exchange)
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(new ChannelbookAuthentication(partnerUser)))
                .block();

        assertThat(metaData)
                .containsEntry(MetadataKeys.ACTOR_ID, "user-7")
                .containsEntry(MetadataKeys.ACTOR_ROLE, "PARTNER_USER")
                .containsEntry(MetadataKeys.ACTOR_PARTNER_ID, "partner-b")
                .containsEntry(MetadataKeys.CORRELATION_ID, "batch-1")
                .containsEntry(MetadataKeys.CLIENT_ADDRESS, "10.1.2.3")
                .containsKey(MetadataKeys.REQUEST_ID);
        assertThat(metaData.values()).doesNotContain("pia@partner.example");
    }

    @Test
    void vendorStaffCarryNoPartner() {
        ChannelbookUser manager = new ChannelbookUser("user-8", "max@vendor.example", "Max", Role.CHANNEL_MANAGER,
                null, false, ChannelbookUser.LoginMethod.PASSWORD);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/partners"));

        MetaData metaData = requestMetadata.of(exchange)
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(new ChannelbookAuthentication(manager)))
                .block();

        assertThat(metaData)
                .containsEntry(MetadataKeys.ACTOR_ID, "user-8")
                .containsEntry(MetadataKeys.ACTOR_ROLE, "CHANNEL_MANAGER")
                .doesNotContainKey(MetadataKeys.ACTOR_PARTNER_ID);
    }
}
