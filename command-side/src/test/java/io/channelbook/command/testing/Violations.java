package io.channelbook.command.testing;

import io.channelbook.api.common.ErrorKind;
import io.channelbook.command.DomainRuleViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches refusals by their stable code (and kind, where the kind is the point of the test). */
public final class Violations {

    private Violations() {
    }

    public static Matcher<DomainRuleViolation> violation(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainRuleViolation with code ").appendValue(code);
            }
        };
    }

    public static Matcher<DomainRuleViolation> violation(String code, ErrorKind kind) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code()) && kind == item.details().kind();
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainRuleViolation with code ").appendValue(code)
                        .appendText(" of kind ").appendValue(kind);
            }
        };
    }
}
