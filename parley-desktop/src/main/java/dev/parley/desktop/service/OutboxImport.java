package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import dev.parley.desktop.cache.LocalCache;
import dev.parley.desktop.cache.OutboxMessage;
import dev.parley.protocol.ChatType;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one-time move of an older app's outbox into the local cache: {@value CachedOutbox#LEGACY_FILE} in the profile's
 * directory held every user's waiting messages, one JSON object a line ({@code serverUrl, appKey, user, localId,
 * chatType, to, text, ext, time}; a line without {@code chatType} and {@code ext}, as version 1 wrote it, is a
 * one-to-one text message without a quote). Each user's messages go into that user's {@link LocalCache}, in file
 * order, in one transaction; the file is deleted only after every import committed, so a failure leaves it for the
 * next start (importing again replaces by local id: nothing doubles). A line that cannot be read is skipped and
 * logged, and the file is then kept aside as {@code outbox.jsonl.unreadable-<ms>} instead of deleted. Threading: the
 * caller's (the outbox's own thread).
 */
final class OutboxImport {
    private static final System.Logger LOG = System.getLogger(OutboxImport.class.getName());

    private OutboxImport() {
    }

    /**
     * Imports the file in {@code directory} if there is one.
     *
     * @throws IOException when the file could not be read or removed (it stays)
     * @throws dev.parley.desktop.cache.CacheException when a cache could not be written (the file stays)
     */
    static void run(Path directory) throws IOException {
        Path file = directory.resolve(CachedOutbox.LEGACY_FILE);
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<List<String>, List<OutboxMessage>> byUser = new LinkedHashMap<>();
        int unreadable = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try (var reader = JsonLinesFile.JSON.createReader(new StringReader(line))) {
                OutboxEntry e = read(reader.readObject());
                byUser.computeIfAbsent(List.of(e.serverUrl(), e.appKey(), e.user()), k -> new ArrayList<>())
                        .add(CachedOutbox.message(e));
            } catch (JsonException | ClassCastException | NullPointerException e) {
                unreadable++;
            }
        }
        for (var user : byUser.entrySet()) {
            List<String> who = user.getKey();
            try (LocalCache cache = LocalCache.open(directory, who.get(0), who.get(1), who.get(2))) {
                cache.addAllToOutbox(user.getValue());
            }
        }
        if (unreadable == 0) {
            Files.delete(file);
        } else {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
            Files.move(file, aside);
            LOG.log(Level.WARNING, "skipped " + unreadable + " unreadable lines of the old outbox; kept it as "
                    + aside);
        }
        LOG.log(Level.INFO, "moved the outbox of " + byUser.size() + " users from " + file + " into the local cache");
    }

    /** A line of the file. */
    static OutboxEntry read(JsonObject o) {
        ChatType type = ChatType.GROUP.wire().equals(o.getString("chatType", "")) ? ChatType.GROUP : ChatType.SINGLE;
        Quote quote = o.get("ext") instanceof JsonObject ext ? Quote.fromExt(ext) : Quote.NONE;
        return new OutboxEntry(o.getString("serverUrl"), o.getString("appKey"), o.getString("user"),
                o.getString("localId"), new ConversationId(type, o.getString("to")), o.getString("text"), quote,
                Instant.ofEpochMilli(o.getJsonNumber("time").longValue()));
    }
}
