package io.channelbook.ui.web.invitation;

import io.channelbook.ui.security.CurrentUser;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.invitation.InvitationService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Invite a user; the invitee accepts with a password of their own. */
@RestController
@RequestMapping("/api/invitations")
@Tag(name = "Invitations")
class InvitationController {

    private final InvitationService invitations;

    InvitationController(InvitationService invitations) {
        this.invitations = invitations;
    }

    @PostMapping
    @Operation(summary = "Invite a user. Program admins invite anyone; channel managers invite users of a partner; "
            + "partner admins invite users of their own partner. Answers the one-time accept link and token.")
    Mono<ResponseEntity<InvitationService.IssuedInvitation>> invite(@Valid @RequestBody InviteRequest request) {
        return CurrentUser.get()
                .flatMap(inviter -> invitations.invite(inviter, request.email(), request.role(), request.partnerId()))
                .map(issued -> ResponseEntity.status(HttpStatus.CREATED).body(issued));
    }

    @PostMapping("/{token}/accept")
    @Operation(summary = "Accept an invitation with a password; the token works once, until it expires")
    Mono<ResponseEntity<Accepted>> accept(@PathVariable String token, @Valid @RequestBody AcceptRequest request) {
        return invitations.accept(token, request.password(), request.displayName())
                .map(account -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(new Accepted(account.email(), account.role(), account.partnerId())));
    }

    record InviteRequest(@NotBlank @Email @Size(max = 254) String email,
                         @NotNull Role role,
                         @Size(max = 100) String partnerId) {
    }

    record AcceptRequest(@NotNull @Size(min = 12, max = 128, message = "must be 12 to 128 characters") String password,
                         @Size(max = 200) String displayName) {
    }

    record Accepted(String email, Role role, String partnerId) {
    }
}
