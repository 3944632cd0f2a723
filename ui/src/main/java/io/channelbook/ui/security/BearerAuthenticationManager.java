package io.channelbook.ui.security;

import io.channelbook.ui.config.ChannelbookProperties;
import io.channelbook.ui.security.token.ApiTokenService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens: personal API tokens ({@code cbk_...}) always; JWTs from an identity provider when one is
 * configured ({@code spring.security.oauth2.resourceserver.jwt.*}), with role and partner taken from claims.
 */
@Component
public class BearerAuthenticationManager implements ReactiveAuthenticationManager {

    private final ApiTokenService tokens;
    private final ObjectProvider<ReactiveJwtDecoder> jwtDecoder;
    private final ChannelbookProperties.Jwt claims;

    BearerAuthenticationManager(ApiTokenService tokens, ObjectProvider<ReactiveJwtDecoder> jwtDecoder,
                                ChannelbookProperties properties) {
        this.tokens = tokens;
        this.jwtDecoder = jwtDecoder;
        this.claims = properties.security().jwt();
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (token.startsWith(ApiTokenService.PREFIX)) {
            return tokens.authenticate(token)
                    .<Authentication>map(ChannelbookAuthentication::new)
                    .switchIfEmpty(Mono.error(() -> new InvalidBearerTokenException("Unknown, revoked or expired API token")));
        }
        ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder == null) {
            return Mono.error(new InvalidBearerTokenException("Unknown bearer token"));
        }
        return decoder.decode(token)
                .onErrorMap(JwtException.class, invalid -> new InvalidBearerTokenException("Invalid JWT: " + invalid.getMessage()))
                .map(jwt -> (Authentication) new ChannelbookAuthentication(toUser(jwt)));
    }

    /** The user a JWT stands for; tokens without a known role, or partner tokens without a partner, are refused. */
    ChannelbookUser toUser(Jwt jwt) {
        Role role = roles(jwt.getClaim(claims.roleClaim())).stream()
                .map(Role::parse).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new InvalidBearerTokenException("The token carries no Channelbook role in claim '" + claims.roleClaim() + "'"));
        String partnerId = jwt.getClaimAsString(claims.partnerClaim());
        if (role.isPartnerRole() && (partnerId == null || partnerId.isBlank())) {
            throw new InvalidBearerTokenException("A partner role needs a partner id in claim '" + claims.partnerClaim() + "'");
        }
        String email = Optional.ofNullable(jwt.getClaimAsString(claims.emailClaim())).orElse(jwt.getSubject());
        if (jwt.getSubject() == null || email == null) {
            throw new BadCredentialsException("The token names no subject");
        }
        return new ChannelbookUser("jwt:" + jwt.getSubject(), email, email, role,
                role.isPartnerRole() ? partnerId : null, false, ChannelbookUser.LoginMethod.JWT);
    }

    private static List<String> roles(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return claim == null ? List.of() : List.of(claim.toString().split("[ ,]+"));
    }
}
