package io.channelbook.ui.security;

import io.channelbook.ui.config.ChannelbookProperties;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Page logins through an OIDC provider ({@code spring.security.oauth2.client.registration.*}): the ID token's claims
 * map to a role and partner exactly as a bearer JWT's do.
 */
class OidcLoginMapping implements ReactiveOAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcReactiveOAuth2UserService delegate = new OidcReactiveOAuth2UserService();
    private final BearerAuthenticationManager claimsMapping;

    OidcLoginMapping(BearerAuthenticationManager claimsMapping) {
        this.claimsMapping = claimsMapping;
    }

    @Override
    public Mono<OidcUser> loadUser(OidcUserRequest request) {
        return delegate.loadUser(request).map(oidcUser -> {
            Jwt claims = Jwt.withTokenValue(request.getIdToken().getTokenValue())
                    .headers(headers -> headers.put("alg", "none"))
                    .claims(values -> values.putAll(oidcUser.getClaims()))
                    .build();
            ChannelbookUser user;
            try {
                ChannelbookUser mapped = claimsMapping.toUser(claims);
                user = new ChannelbookUser("oidc:" + oidcUser.getSubject(), mapped.email(), mapped.email(), mapped.role(),
                        mapped.partnerId(), false, ChannelbookUser.LoginMethod.OIDC);
            } catch (InvalidBearerTokenException unmapped) {
                throw new OAuth2AuthenticationException(new OAuth2Error("access_denied", unmapped.getMessage(), null));
            }
            return new MappedOidcUser(oidcUser, user);
        });
    }

    /** An OIDC user that carries its Channelbook identity. */
    static final class MappedOidcUser extends DefaultOidcUser implements ChannelbookPrincipal {

        private final ChannelbookUser user;

        MappedOidcUser(OidcUser oidcUser, ChannelbookUser user) {
            super(List.of(new SimpleGrantedAuthority(user.role().authority())), oidcUser.getIdToken(), oidcUser.getUserInfo());
            this.user = user;
        }

        @Override
        public ChannelbookUser channelbookUser() {
            return user;
        }
    }
}
