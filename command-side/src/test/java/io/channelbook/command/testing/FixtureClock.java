package io.channelbook.command.testing;

import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The injected clock of a fixture test: it reads the fixture's simulated time, which deadlines also run on. */
public final class FixtureClock extends Clock {

    private final AggregateTestFixture<?> fixture;

    public FixtureClock(AggregateTestFixture<?> fixture) {
        this.fixture = fixture;
    }

    @Override
    public Instant instant() {
        return fixture.currentTime();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the command side runs on UTC");
    }
}
