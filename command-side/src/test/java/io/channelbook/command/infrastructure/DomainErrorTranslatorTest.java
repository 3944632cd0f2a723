package io.channelbook.command.infrastructure;

import io.channelbook.api.common.ErrorDetails;
import io.channelbook.api.common.ErrorKind;
import io.channelbook.api.partner.ActivatePartnerCommand;
import io.channelbook.api.partner.PartnerActivatedEvent;
import io.channelbook.api.partner.PartnerRegisteredEvent;
import io.channelbook.api.partner.PrimaryContact;
import io.channelbook.api.partner.ProgramType;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Objects;

class DomainErrorTranslatorTest {

    private AggregateTestFixture<?> fixture;

    @BeforeEach
    void setUp() throws ClassNotFoundException {
        // the aggregate is package-private in its own package; the fixture only needs its class
        fixture = new AggregateTestFixture<>(Class.forName("io.channelbook.command.partner.Partner"));
        fixture.registerCommandHandlerInterceptor(new DomainErrorTranslator());
    }

    @Test
    void ruleViolationCrossesAsCommandExecutionExceptionWithItsCode() {
        fixture.given(new PartnerRegisteredEvent("p-1", "Acme GmbH", "DE", "acme.de", ProgramType.RESELLER,
                                new PrimaryContact("Ana", "ana@acme.de")),
                        new PartnerActivatedEvent("p-1", "signed"))
                .when(new ActivatePartnerCommand("p-1", "again"))
                .expectException(withDetails(new ErrorDetails("partner_already_active",
                        "Partner p-1 is already active", ErrorKind.CONFLICT)));
    }

    @Test
    void unknownAggregateBecomesNotFoundNamedAfterTheCommandTarget() {
        fixture.givenNoPriorActivity()
                .when(new ActivatePartnerCommand("missing", "signed"))
                .expectException(withDetails(new ErrorDetails("partner_not_found",
                        "No partner with id missing", ErrorKind.NOT_FOUND)));
    }

    private static Matcher<CommandExecutionException> withDetails(ErrorDetails expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandExecutionException item) {
                return item.getDetails().map(details -> Objects.equals(details, expected)).orElse(false);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a CommandExecutionException with details ").appendValue(expected);
            }
        };
    }
}
