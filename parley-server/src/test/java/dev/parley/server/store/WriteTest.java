package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A write names its users by id: empty ids, control characters and {@code #} (the app key's separator) are refused. */
class WriteTest {

    @Test
    void aWriteRefusesAUserIdThatIsEmptyOrHasAControlCharacterOrAHash() {
        for (String bad : new String[] {"", "bo\nb", "bob\u0000", "\u007fbob", "bob#1", "\u0085"}) {
            assertThatThrownBy(() -> new Write.MarkDelivered(1, bad)).as("user id %s", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user must be a non-empty user id");
            assertThatThrownBy(() -> StoreFixtures.append("alice", "l", bad, "hi")).as("recipient %s", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to must be");
        }
        for (String good : new String[] {"bob", "b", "用户-1", "bob.smith_2", "émile"}) {
            assertThatCode(() -> StoreFixtures.append(good, "l", "alice", "hi")).as("sender %s", good)
                    .doesNotThrowAnyException();
        }
    }
}
