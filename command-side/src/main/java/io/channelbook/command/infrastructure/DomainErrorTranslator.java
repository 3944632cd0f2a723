package io.channelbook.command.infrastructure;

import io.channelbook.api.common.ErrorDetails;
import io.channelbook.api.common.ErrorKind;
import io.channelbook.command.DomainRuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Turns refusals into {@link CommandExecutionException}s whose details are an {@link ErrorDetails}: the one shape
 * the web edge maps to problem+json, whether the command ran in this JVM or behind Axon Server.
 */
@Component
public class DomainErrorTranslator implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (DomainRuleViolation violation) {
            throw new CommandExecutionException(violation.getMessage(), violation, violation.details());
        } catch (AggregateNotFoundException notFound) {
            String target = targetName(unitOfWork.getMessage());
            String message = "No " + target + " with id " + notFound.getAggregateIdentifier();
            throw new CommandExecutionException(message, notFound,
                    new ErrorDetails(target.replace(' ', '_') + "_not_found", message, ErrorKind.NOT_FOUND));
        }
    }

    /**
     * What the client addressed, named after the bounded context of the command's package: every command of
     * {@code io.channelbook.api.deal} addresses a deal, whatever its verb ({@code CloseDealWon},
     * {@code LogPartnerTouch}), so all of them answer {@code deal_not_found}.
     */
    private static String targetName(CommandMessage<?> command) {
        String packageName = command.getPayloadType().getPackageName();
        String context = packageName.substring(packageName.lastIndexOf('.') + 1);
        return context.isEmpty() ? "aggregate" : context.toLowerCase(Locale.ROOT);
    }
}
