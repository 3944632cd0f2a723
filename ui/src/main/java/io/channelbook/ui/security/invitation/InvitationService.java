package io.channelbook.ui.security.invitation;

import io.channelbook.api.partner.FindPartnerQuery;
import io.channelbook.api.partner.PartnerView;
import io.channelbook.ui.config.ChannelbookProperties;
import io.channelbook.ui.security.ChannelbookUser;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.Secrets;
import io.channelbook.ui.security.account.UserAccount;
import io.channelbook.ui.security.account.UserAccountStore;
import io.channelbook.ui.web.problem.ApiProblem;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Who may invite whom, and the single use of an invitation.
 * <ul>
 *   <li>a program admin invites anyone: vendor staff, or users of an existing partner;</li>
 *   <li>a channel manager invites partner admins and partner users of an existing partner;</li>
 *   <li>a partner admin invites partner admins and users to their own partner only, which comes from the login.</li>
 * </ul>
 */
@Service
public class InvitationService {

    private final ReactiveMongoTemplate mongo;
    private final UserAccountStore accounts;
    private final QueryGateway queries;
    private final PasswordEncoder passwordEncoder;
    private final InvitationNotifier notifier;
    private final Clock clock;
    private final ChannelbookProperties.Security settings;

    InvitationService(ReactiveMongoTemplate mongo, UserAccountStore accounts, QueryGateway queries,
                      PasswordEncoder passwordEncoder, InvitationNotifier notifier, Clock clock,
                      ChannelbookProperties properties) {
        this.mongo = mongo;
        this.accounts = accounts;
        this.queries = queries;
        this.passwordEncoder = passwordEncoder;
        this.notifier = notifier;
        this.clock = clock;
        this.settings = properties.security();
    }

    public Mono<IssuedInvitation> invite(ChannelbookUser inviter, String email, Role role, String requestedPartnerId) {
        String normalizedEmail = UserAccountStore.normalizeEmail(email);
        return partnerFor(inviter, role, requestedPartnerId)
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(partnerId -> accounts.find(normalizedEmail)
                        .flatMap(existing -> Mono.<IssuedInvitation>error(new ApiProblem(HttpStatus.CONFLICT, "account_exists",
                                "An account for " + normalizedEmail + " exists already")))
                        .switchIfEmpty(Mono.defer(() -> store(inviter, normalizedEmail, role, partnerId.orElse(null)))))
                .flatMap(issued -> notifier.send(issued).thenReturn(issued));
    }

    /** Creates the account the invitation offers; the invitation cannot be used again. */
    public Mono<UserAccount> accept(String token, String password, String displayName) {
        Instant now = clock.instant();
        return mongo.findById(Secrets.sha256(token), Invitation.class)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("invitation_not_found", "No such invitation")))
                .flatMap(invitation -> {
                    if (invitation.acceptedAt() != null) {
                        return Mono.error(new ApiProblem(HttpStatus.CONFLICT, "invitation_already_used", "This invitation has been used already"));
                    }
                    if (!now.isBefore(invitation.expiresAt())) {
                        return Mono.error(new ApiProblem(HttpStatus.GONE, "invitation_expired",
                                "This invitation expired at " + invitation.expiresAt() + "; ask for a new one"));
                    }
                    return claim(invitation, now);
                })
                .publishOn(Schedulers.boundedElastic())
                .flatMap(invitation -> accounts.create(new UserAccount(invitation.email(), UUID.randomUUID().toString(),
                                displayName == null || displayName.isBlank() ? invitation.email() : displayName.strip(),
                                passwordEncoder.encode(password), invitation.role(), invitation.partnerId(), true, false, now, now))
                        .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.CONFLICT, "account_exists",
                                "An account for " + invitation.email() + " exists already"))));
    }

    /** Marks the invitation used, atomically: of two concurrent accepts, one wins. */
    private Mono<Invitation> claim(Invitation invitation, Instant now) {
        Query unused = Query.query(Criteria.where("_id").is(invitation.tokenHash()).and("acceptedAt").is(null));
        return mongo.findAndModify(unused, Update.update("acceptedAt", now), FindAndModifyOptions.options().returnNew(true), Invitation.class)
                .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.CONFLICT, "invitation_already_used", "This invitation has been used already")));
    }

    /** The partner the invitee will belong to, checked against the inviter's rights; empty for vendor roles. */
    private Mono<String> partnerFor(ChannelbookUser inviter, Role role, String requestedPartnerId) {
        if (inviter.role() == Role.PARTNER_ADMIN) {
            if (!role.isPartnerRole()) {
                return Mono.error(new ApiProblem(HttpStatus.FORBIDDEN, "role_not_allowed", "A partner admin can invite partner admins and partner users only"));
            }
            // never another partner's id from the body: an id that is not the inviter's own is as unknown as any other
            if (requestedPartnerId != null && !requestedPartnerId.isBlank() && !Objects.equals(requestedPartnerId, inviter.partnerId())) {
                return Mono.error(ApiProblem.notFound("partner_not_found", "No partner with id " + requestedPartnerId));
            }
            return Mono.just(inviter.partnerId());
        }
        if (!role.isPartnerRole()) {
            if (inviter.role() != Role.PROGRAM_ADMIN) {
                return Mono.error(new ApiProblem(HttpStatus.FORBIDDEN, "role_not_allowed", "Only a program admin can invite vendor staff"));
            }
            if (requestedPartnerId != null && !requestedPartnerId.isBlank()) {
                return Mono.error(ApiProblem.badRequest("partner_not_expected", role + " is a vendor role and belongs to no partner"));
            }
            return Mono.empty();
        }
        if (requestedPartnerId == null || requestedPartnerId.isBlank()) {
            return Mono.error(ApiProblem.badRequest("partner_required", role + " needs the partnerId of the partner the user belongs to"));
        }
        return Mono.fromFuture(() -> queries.query(new FindPartnerQuery(requestedPartnerId), ResponseTypes.instanceOf(PartnerView.class)))
                .map(PartnerView::partnerId)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("partner_not_found", "No partner with id " + requestedPartnerId)));
    }

    private Mono<IssuedInvitation> store(ChannelbookUser inviter, String email, Role role, String partnerId) {
        String token = Secrets.random();
        Instant now = clock.instant();
        Invitation invitation = new Invitation(Secrets.sha256(token), UUID.randomUUID().toString(), email, role, partnerId,
                inviter.userId(), now, now.plus(settings.invitationTtl()), null);
        URI acceptUrl = URI.create(settings.publicUrl().toString().replaceAll("/$", "") + "/invitations/" + token);
        return mongo.insert(invitation).map(saved -> new IssuedInvitation(saved.invitationId(), email, role, partnerId,
                token, acceptUrl, saved.expiresAt()));
    }

    /** An invitation as the inviter sees it once, with its secret token and link. */
    public record IssuedInvitation(String invitationId, String email, Role role, String partnerId, String token,
                                   URI acceptUrl, Instant expiresAt) {
    }
}
