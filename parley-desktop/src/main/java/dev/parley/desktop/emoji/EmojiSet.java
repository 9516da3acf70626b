package dev.parley.desktop.emoji;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.scene.image.Image;

/**
 * The bundled emoji: Twemoji's pictures (36 × 36 PNG, CC-BY 4.0) with their names and picker categories, read from
 * {@code emoji.tsv} beside this class, which {@code tools/make-emoji-assets.py} made from emoji-datasource 16.0.
 * Colour emoji in JavaFX need pictures: its text engine draws colour glyphs only on macOS. The table is read on first
 * use; pictures are decoded when first shown and kept (one {@link Image} per emoji, shared by every view).
 * <p>
 * {@link #segmenter()}, {@link #category} and {@link #find} may be used from any thread; {@link #image} and
 * {@link #picture} on the FX thread only.
 */
public final class EmojiSet {
    /** The picker's categories, in order. */
    public static final List<String> CATEGORIES = List.of("Smileys & Emotion", "People & Body", "Animals & Nature",
            "Food & Drink", "Travel & Places", "Activities", "Objects", "Symbols", "Flags");

    private final CompletableFuture<Table> table;
    private final Map<String, Image> images = new HashMap<>();

    private EmojiSet(CompletableFuture<Table> table) {
        this.table = table;
    }

    /** The table: emoji by key and by category, and the segmenter of their sequences. Immutable. */
    private record Table(Map<String, Emoji> byKey, Map<String, List<Emoji>> byCategory, EmojiSegmenter segmenter) {
    }

    private static Table table(List<Emoji> all) {
        Map<String, Emoji> keys = new HashMap<>();
        Set<String> textByDefault = new HashSet<>();
        Map<String, List<Emoji>> categories = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> categories.put(c, new ArrayList<>()));
        for (Emoji e : all) {
            String key = EmojiSegmenter.keyOf(e.text());
            keys.putIfAbsent(key, e);
            if (e.image().endsWith("-fe0f") && e.image().indexOf('-') == e.image().lastIndexOf('-')) {
                textByDefault.add(key); // one code point + FE0F: text unless the selector is there
            }
            if (!e.category().isEmpty()) {
                categories.get(e.category()).add(e);
            }
        }
        Map<String, List<Emoji>> frozen = new LinkedHashMap<>();
        categories.forEach((c, list) -> frozen.put(c, List.copyOf(list)));
        return new Table(Map.copyOf(keys), Collections.unmodifiableMap(frozen),
                new EmojiSegmenter(keys.keySet(), textByDefault));
    }

    /**
     * The set bundled with the app. Returns at once: its table (about 4,000 lines, a few hundred milliseconds on a
     * cold JVM) is read on a thread of its own ({@code parley-emoji}), so that it stays off the way to the first
     * window; the first method that needs it waits for it.
     */
    public static EmojiSet bundled() {
        CompletableFuture<Table> table = new CompletableFuture<>();
        Thread.ofVirtual().name("parley-emoji").start(() -> {
            try {
                table.complete(read());
            } catch (RuntimeException | Error e) {
                table.completeExceptionally(e);
            }
        });
        return new EmojiSet(table);
    }

    private Table table() {
        return table.join();
    }

    private static Table read() {
        try (InputStream in = EmojiSet.class.getResourceAsStream("emoji.tsv")) {
            if (in == null) {
                throw new IllegalStateException("emoji.tsv is missing from the module");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Emoji> all = new ArrayList<>(4_000);
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                all.add(new Emoji(EmojiSegmenter.textOf(fields[0]), fields[2], fields[1], fields[0]));
            }
            return table(all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the emoji table", e);
        }
    }

    /** Splits text into plain runs and emoji sequences that this set has pictures of. */
    public EmojiSegmenter segmenter() {
        return table().segmenter();
    }

    /** The picker's emoji of {@code category} (one of {@link #CATEGORIES}), in Unicode's order. */
    public List<Emoji> category(String category) {
        return table().byCategory().getOrDefault(category, List.of());
    }

    /** The emoji of this set that {@code sequence} is (with or without U+FE0F). */
    public Optional<Emoji> find(String sequence) {
        return Optional.ofNullable(table().byKey().get(EmojiSegmenter.keyOf(sequence)));
    }

    /** The picture of {@code sequence}, decoded once (FX thread). */
    public Optional<Image> image(String sequence) {
        return find(sequence).map(e -> images.computeIfAbsent(e.image(), EmojiSet::decode));
    }

    /**
     * The picture named {@code name} (its code points, such as {@code 1f600}), without waiting for the table (FX
     * thread): for a button's graphic built with the window.
     */
    public Image picture(String name) {
        return images.computeIfAbsent(name, EmojiSet::decode);
    }

    private static Image decode(String name) {
        try (InputStream in = EmojiSet.class.getResourceAsStream("twemoji/" + name + ".png")) {
            if (in == null) {
                throw new IllegalStateException("emoji picture " + name + " is missing from the module");
            }
            return new Image(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read emoji picture " + name, e);
        }
    }
}
