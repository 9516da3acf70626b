package dev.parley.server.store;

import java.nio.file.Path;
import java.time.Clock;

/** The heap-only store ({@code --store memory}) keeps the whole {@link MessageStoreContract}. */
class MemoryMessageStoreTest extends MessageStoreContract {

    @Override
    MessageStore open(Path dataDir, Clock clock) {
        return Stores.openMemory(clock);
    }
}
