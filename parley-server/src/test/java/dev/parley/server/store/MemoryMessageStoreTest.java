package dev.parley.server.store;

import java.nio.file.Path;
import java.time.Clock;

/** The heap-only store ({@code --store memory}) keeps the whole {@link ConversationStoreContract}. */
class MemoryMessageStoreTest extends ConversationStoreContract {

    @Override
    MessageStore open(Path dataDir, Clock clock) {
        return Stores.openMemory(clock);
    }
}
