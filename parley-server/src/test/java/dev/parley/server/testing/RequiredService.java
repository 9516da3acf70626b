package dev.parley.server.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a service it needs (PostgreSQL, NATS) is not there: under CI ({@code CI=true}) the machine
 * must have it, so the test fails; elsewhere it is skipped with a message saying why.
 */
final class RequiredService {
    private RequiredService() {
    }

    /** Fails or skips the calling test because {@code why}. */
    static RuntimeException missing(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + " (and CI=true: this machine must have it; .ci/run starts it)");
        }
        Assumptions.abort(why + ": skipped (under CI=true this fails)");
        throw new AssertionError("unreachable");
    }
}
