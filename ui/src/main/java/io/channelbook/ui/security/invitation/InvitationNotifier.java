package io.channelbook.ui.security.invitation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Tells the invitee. With SMTP configured ({@code spring.mail.host}, env {@code SPRING_MAIL_HOST}) the link is
 * mailed; without it (the standalone default) it is logged, and the inviter has it in the API answer anyway.
 */
@Component
class InvitationNotifier {

    private static final Logger log = LoggerFactory.getLogger(InvitationNotifier.class);

    private final ObjectProvider<JavaMailSender> mailSender;
    private final String from;

    InvitationNotifier(ObjectProvider<JavaMailSender> mailSender,
                       @Value("${channelbook.mail.from:channelbook@localhost}") String from) {
        this.mailSender = mailSender;
        this.from = from;
    }

    Mono<Void> send(InvitationService.IssuedInvitation invitation) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info("Invitation for {} as {}: {} (valid until {}; no SMTP configured, so not mailed)",
                    invitation.email(), invitation.role(), invitation.acceptUrl(), invitation.expiresAt());
            return Mono.empty();
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(invitation.email());
        message.setSubject("You are invited to Channelbook");
        message.setText("You have been invited to Channelbook as " + invitation.role() + ".\n\n"
                + "Set your password here: " + invitation.acceptUrl() + "\n\n"
                + "The link works once and expires at " + invitation.expiresAt() + ".\n");
        return Mono.fromRunnable(() -> sender.send(message)).subscribeOn(Schedulers.boundedElastic())
                .doOnSuccess(sent -> log.info("Invitation mailed to {} as {}", invitation.email(), invitation.role()))
                .then();
    }
}
