package io.channelbook.ui.web.me;

import io.channelbook.api.partner.FindPartnerQuery;
import io.channelbook.api.partner.PartnerView;
import io.channelbook.ui.security.ChannelbookUser;
import io.channelbook.ui.security.CurrentUser;
import io.channelbook.ui.security.account.UserAccountStore;
import io.channelbook.ui.security.token.ApiTokenService;
import io.channelbook.ui.web.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Who am I, my password, my personal API tokens. Everything here is about the authenticated user only. */
@RestController
@RequestMapping("/api/me")
@Tag(name = "Me")
class MeController {

    private final UserAccountStore accounts;
    private final PasswordEncoder passwordEncoder;
    private final ApiTokenService tokens;
    private final Clock clock;
    private final QueryGateway queries;

    MeController(UserAccountStore accounts, PasswordEncoder passwordEncoder, ApiTokenService tokens, Clock clock,
                 QueryGateway queries) {
        this.queries = queries;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Who am I: email, roles and, for partner users, the partner")
    Mono<Me> me() {
        return CurrentUser.get().map(user -> new Me(user.userId(), user.email(), user.displayName(),
                List.of(user.role().name()), user.partnerId(), user.mustChangePassword(), user.method().name()));
    }

    @GetMapping("/partner")
    @Operation(summary = "My partner's detail (partner users only; the partner comes from the login)")
    Mono<PartnerView> myPartner() {
        return CurrentUser.get()
                .filter(user -> user.partnerId() != null)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("partner_not_found", "You do not belong to a partner")))
                .flatMap(user -> Mono.fromFuture(() -> queries.query(new FindPartnerQuery(user.partnerId()),
                        ResponseTypes.instanceOf(PartnerView.class))))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("partner_not_found", "Your partner is not known (yet)")));
    }

    @PostMapping("/password")
    @Operation(summary = "Change my password (accounts that log in with a password)")
    Mono<ResponseEntity<Void>> changePassword(@Valid @RequestBody PasswordChange change) {
        return CurrentUser.get()
                .filter(user -> user.method() == ChannelbookUser.LoginMethod.PASSWORD)
                .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.CONFLICT, "password_login_required",
                        "Log in with your current password (HTTP Basic) to change it")))
                .flatMap(user -> accounts.find(user.email()))
                .publishOn(Schedulers.boundedElastic())
                .flatMap(account -> {
                    if (!passwordEncoder.matches(change.currentPassword(), account.passwordHash())) {
                        return Mono.error(ApiProblem.badRequest("current_password_wrong", "The current password is wrong"));
                    }
                    if (change.newPassword().equals(change.currentPassword())) {
                        return Mono.error(ApiProblem.badRequest("password_unchanged", "The new password must differ from the current one"));
                    }
                    if (change.newPassword().toLowerCase().contains(account.email().split("@")[0].toLowerCase())) {
                        return Mono.error(ApiProblem.badRequest("password_too_weak", "The new password must not contain your email name"));
                    }
                    return accounts.changePassword(account, passwordEncoder.encode(change.newPassword()), clock.instant());
                })
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping("/tokens")
    @Operation(summary = "Create a personal API token; its secret is shown in this answer only")
    Mono<ResponseEntity<ApiTokenService.IssuedToken>> createToken(@Valid @RequestBody NewToken request) {
        return localAccount()
                .flatMap(user -> tokens.issue(user, request.name().strip(), Duration.ofDays(request.expiresInDays())))
                .map(issued -> ResponseEntity.status(HttpStatus.CREATED).body(issued));
    }

    @GetMapping("/tokens")
    @Operation(summary = "My personal API tokens (without their secrets)")
    Flux<TokenView> listTokens() {
        return localAccount().flatMapMany(tokens::list)
                .map(token -> new TokenView(token.tokenId(), token.name(), token.createdAt(), token.expiresAt()));
    }

    @DeleteMapping("/tokens/{tokenId}")
    @Operation(summary = "Revoke one of my personal API tokens")
    Mono<ResponseEntity<Void>> revokeToken(@PathVariable String tokenId) {
        return localAccount()
                .flatMap(user -> tokens.revoke(user, tokenId))
                .flatMap(revoked -> revoked
                        ? Mono.just(ResponseEntity.noContent().<Void>build())
                        : Mono.error(ApiProblem.notFound("token_not_found", "You have no API token " + tokenId)));
    }

    /**
     * The user, if they logged in as a Channelbook account. Personal tokens belong to accounts, found by email; a user
     * of the identity provider who happens to share an account's email must not mint, see or revoke that account's
     * tokens, which would act in the account's role rather than the one the provider granted.
     */
    private static Mono<ChannelbookUser> localAccount() {
        return CurrentUser.get()
                .filter(user -> user.method() == ChannelbookUser.LoginMethod.PASSWORD || user.method() == ChannelbookUser.LoginMethod.API_TOKEN)
                .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.FORBIDDEN, "local_account_required",
                        "Personal API tokens belong to Channelbook accounts; use your identity provider's tokens instead")));
    }

    record Me(String userId, String email, String displayName, List<String> roles, String partnerId,
              boolean mustChangePassword, String authenticatedBy) {
    }

    record PasswordChange(@NotBlank String currentPassword,
                          @NotNull @Size(min = 12, max = 128, message = "must be 12 to 128 characters") String newPassword) {
    }

    record NewToken(@NotBlank @Size(max = 100) String name, @Min(1) @Max(365) int expiresInDays) {
    }

    record TokenView(String tokenId, String name, Instant createdAt, Instant expiresAt) {
    }
}
