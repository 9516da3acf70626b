package dev.parley.desktop.chat;

import dev.parley.client.ChatClient;
import dev.parley.desktop.service.ChatService;
import java.io.ByteArrayInputStream;
import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.image.Image;

/**
 * The pictures people uploaded as their avatars, for the list, the timeline and the header: fetched once per user and
 * sign-in ({@code userInfoManager().fetchAvatar}, off the FX thread; decoded there too, at {@link #SIZE} pixels) and
 * kept in memory. Each user's picture is a property that stays {@code null} (the avatar shows initials) until the
 * picture is in, and for users without one; a picture the user saves in the settings pane replaces theirs at once
 * ({@link #show}). At each sign-in every picture asked for so far is fetched again (a user may have a new one);
 * signing out hides them. One per {@link ChatService}
 * ({@link #of}), so that every view of a window shares it.
 * <p>
 * Threading: FX thread only; results come back through the FX executor.
 */
public final class AvatarPictures {
    private static final System.Logger LOG = System.getLogger(AvatarPictures.class.getName());
    /** The side the pictures are decoded at: the largest avatar shown outside the settings pane, at 2× scale. */
    static final double SIZE = 72;
    private static final Map<ChatService, AvatarPictures> BY_SERVICE = new WeakHashMap<>();

    /** Weakly: the registry's value must not keep its key alive. */
    private final WeakReference<ChatService> service;
    private final Executor fx;
    private final Map<String, ReadOnlyObjectWrapper<Image>> pictures = new HashMap<>();
    /** Increases with each sign-in: an answer from an earlier one is dropped. */
    private int session;

    AvatarPictures(ChatService service, Executor fx) {
        this.service = new WeakReference<>(Objects.requireNonNull(service, "service"));
        this.fx = Objects.requireNonNull(fx, "fx");
        service.signedInProperty().addListener((o, was, signedIn) -> signedIn(signedIn));
    }

    /** The pictures of {@code service}'s sign-ins (made at the first call). FX thread only. */
    public static AvatarPictures of(ChatService service) {
        return BY_SERVICE.computeIfAbsent(service, s -> new AvatarPictures(s, Platform::runLater));
    }

    /** {@code user}'s picture, {@code null} until it is in (or when they have none); fetched at the first call. */
    public ReadOnlyObjectProperty<Image> of(String user) {
        ReadOnlyObjectWrapper<Image> picture = pictures.get(user);
        if (picture == null) {
            picture = new ReadOnlyObjectWrapper<>(this, user);
            pictures.put(user, picture);
            fetch(user, picture);
        }
        return picture.getReadOnlyProperty();
    }

    /** {@code user} has a new picture (this user saved one in the settings pane): shown everywhere at once. */
    public void show(String user, Image picture) {
        ReadOnlyObjectWrapper<Image> known = pictures.get(user);
        if (known == null) {
            known = new ReadOnlyObjectWrapper<>(this, user);
            pictures.put(user, known);
        }
        known.set(picture);
    }

    /**
     * Signed in: every picture asked for so far is fetched (again), the views that show one keep it meanwhile. Signed
     * out: none is shown.
     */
    private void signedIn(boolean signedIn) {
        session++;
        if (signedIn) {
            pictures.forEach(this::fetch);
        } else {
            pictures.values().forEach(p -> p.set(null));
        }
    }

    private void fetch(String user, ReadOnlyObjectWrapper<Image> picture) {
        ChatService chat = service.get();
        Optional<ChatClient> client = chat == null ? Optional.empty() : chat.currentClient();
        if (client.isEmpty() || user.isEmpty()) {
            return;
        }
        int mine = session;
        CompletableFuture<Optional<byte[]>> bytes;
        try {
            bytes = client.get().userInfoManager().fetchAvatar(user);
        } catch (RuntimeException e) {
            bytes = CompletableFuture.failedFuture(e);
        }
        // decoded on the SDK's thread that completed the fetch, never on the FX thread
        bytes.thenApply(found -> found.map(b -> new Image(new ByteArrayInputStream(b), SIZE, SIZE, true, true))
                        .filter(image -> !image.isError()))
                .whenComplete((image, failure) -> fx.execute(() -> {
                    if (failure != null) {
                        LOG.log(Level.DEBUG, "no avatar of {0}: {1}", user, failure.getMessage());
                    } else if (mine == session) {
                        picture.set(image.orElse(null));
                    }
                }));
    }
}
