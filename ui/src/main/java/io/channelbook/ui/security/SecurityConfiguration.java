package io.channelbook.ui.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.config.Customizer;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.net.URI;

/**
 * Two filter chains. The REST API ({@code /api/**}) is stateless: HTTP Basic or a bearer token on every request, no
 * session, hence no CSRF exposure. Everything else (pages, API document, health) uses a login form or OIDC with a
 * session and CSRF protection. Both deny what they do not know.
 */
@Configuration
@EnableWebFluxSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final String[] VENDOR = Role.vendorRoles();
    private static final String[] PARTNER_MANAGERS = {"PROGRAM_ADMIN", "CHANNEL_MANAGER"};
    private static final String[] PARTNER_USERS = {"PARTNER_ADMIN", "PARTNER_USER"};
    private static final String[] FINANCE_STAFF = {"PROGRAM_ADMIN", "FINANCE"};

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt today, and it reads hashes of older schemes should the default ever change
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, PasswordAuthenticationManager passwords,
                                       BearerAuthenticationManager bearers, ProblemResponses problems) {
        AuthenticationWebFilter bearer = new AuthenticationWebFilter(bearers);
        bearer.setServerAuthenticationConverter(new ServerBearerTokenAuthenticationConverter());
        bearer.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(problems));
        bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .httpBasic(basic -> basic.authenticationManager(passwords).authenticationEntryPoint(problems))
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAfter(PasswordChangeRequiredFilter.forApi(problems), SecurityWebFiltersOrder.AUTHORIZATION)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.POST, "/api/invitations/*/accept").permitAll()
                        // authenticated by its HMAC signature, not by a login
                        .pathMatchers(HttpMethod.POST, "/api/integrations/crm/events").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/deals").hasAnyRole(PARTNER_USERS)
                        .pathMatchers(HttpMethod.POST, "/api/deals/*/extension-request").hasAnyRole(PARTNER_USERS)
                        .pathMatchers(HttpMethod.POST, "/api/deals/influences").hasAnyRole(PARTNER_USERS)
                        .pathMatchers(HttpMethod.PUT, "/api/deals/protection-windows").hasRole("PROGRAM_ADMIN")
                        .pathMatchers(HttpMethod.POST, "/api/deals/**").hasAnyRole(PARTNER_MANAGERS)
                        .pathMatchers(HttpMethod.GET, "/api/deals/*/conflict").hasAnyRole(VENDOR)
                        .pathMatchers(HttpMethod.GET, "/api/deals", "/api/deals/**").authenticated()
                        .pathMatchers(HttpMethod.GET, "/api/partners", "/api/partners/**").hasAnyRole(VENDOR)
                        .pathMatchers(HttpMethod.POST, "/api/partners", "/api/partners/**").hasAnyRole(PARTNER_MANAGERS)
                        .pathMatchers(HttpMethod.POST, "/api/invitations").hasAnyRole("PROGRAM_ADMIN", "CHANNEL_MANAGER", "PARTNER_ADMIN")
                        .pathMatchers("/api/audit", "/api/audit/**").hasAnyRole("PROGRAM_ADMIN", "FINANCE")
                        .pathMatchers(HttpMethod.GET, "/api/commission-plans", "/api/commission-plans/**").hasAnyRole(VENDOR)
                        .pathMatchers("/api/commission-plans", "/api/commission-plans/**").hasRole("PROGRAM_ADMIN")
                        // any partner's money, adjustments, payouts and the auditor; partners read their own under /api/me
                        .pathMatchers("/api/ledger", "/api/ledger/**").hasAnyRole(FINANCE_STAFF)
                        // analyst reports replayed from the event history; finance reads commission cost and ROI too
                        .pathMatchers(HttpMethod.GET, "/api/reports/commission-roi").hasAnyRole("PROGRAM_ADMIN", "ANALYST", "FINANCE")
                        .pathMatchers("/api/reports", "/api/reports/**").hasAnyRole("PROGRAM_ADMIN", "ANALYST")
                        .pathMatchers("/api/admin", "/api/admin/**").hasRole("PROGRAM_ADMIN")
                        .pathMatchers("/api/me", "/api/me/**").authenticated()
                        .anyExchange().denyAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain webSecurity(ServerHttpSecurity http, PasswordAuthenticationManager passwords,
                                       ObjectProvider<ReactiveClientRegistrationRepository> oidcProviders) {
        http
                .formLogin(form -> form.loginPage("/login").authenticationManager(passwords))
                .addFilterAfter(PasswordChangeRequiredFilter.forPages(), SecurityWebFiltersOrder.AUTHORIZATION)
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(loggedOut()))
                // a logged-in user on a page their role may not use gets the styled error page (Boot's error view), not a bare 403
                .exceptionHandling(handling -> handling.accessDeniedHandler((exchange, denied) -> Mono.error(
                        new ResponseStatusException(HttpStatus.FORBIDDEN, "Your role does not give access to this page."))))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/", "/login", "/logout", "/favicon.ico", "/css/**", "/js/**", "/webjars/**").permitAll()
                        .pathMatchers("/invitations/*").permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .pathMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        // the partner portal: the partner always comes from the login
                        .pathMatchers("/portal/team", "/portal/team/**").hasRole("PARTNER_ADMIN")
                        .pathMatchers("/portal", "/portal/**").hasAnyRole(PARTNER_USERS)
                        // the vendor console: reading for vendor staff, changes by role as in the API
                        .pathMatchers("/console/finance", "/console/finance/**", "/console/audit", "/console/audit/**").hasAnyRole("PROGRAM_ADMIN", "FINANCE")
                        .pathMatchers(HttpMethod.POST, "/console/plans", "/console/plans/**").hasRole("PROGRAM_ADMIN")
                        .pathMatchers("/console/plans/new", "/console/plans/*/draft").hasRole("PROGRAM_ADMIN")
                        .pathMatchers("/console/partners/new").hasAnyRole(PARTNER_MANAGERS)
                        .pathMatchers(HttpMethod.POST, "/console/deals/**", "/console/partners", "/console/partners/**").hasAnyRole(PARTNER_MANAGERS)
                        .pathMatchers("/console/deals", "/console/deals/**").hasAnyRole("PROGRAM_ADMIN", "CHANNEL_MANAGER", "ANALYST")
                        .pathMatchers("/console/reports", "/console/reports/**").hasAnyRole("PROGRAM_ADMIN", "ANALYST")
                        .pathMatchers("/console", "/console/**").hasAnyRole(VENDOR)
                        .anyExchange().authenticated());
        if (oidcProviders.getIfAvailable() != null) {
            // the ID token's claims are mapped by the oidcUserService bean below
            http.oauth2Login(Customizer.withDefaults());
        }
        return http.build();
    }

    private static RedirectServerLogoutSuccessHandler loggedOut() {
        RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(URI.create("/login?logout"));
        return handler;
    }

    @Bean
    ReactiveOAuth2UserService<OidcUserRequest, OidcUser> oidcUserService(BearerAuthenticationManager claimsMapping) {
        return new OidcLoginMapping(claimsMapping);
    }
}
