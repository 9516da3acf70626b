package dev.parley.desktop.service;

import dev.parley.client.ChatClient;
import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.client.PresenceEvent;
import dev.parley.client.ReceivedMessage;
import dev.parley.client.TypingEvent;
import dev.parley.desktop.live.FxScheduler;
import dev.parley.desktop.live.PresenceService;
import dev.parley.desktop.live.TypingAnnouncer;
import dev.parley.desktop.live.TypingTracker;
import dev.parley.desktop.media.AttachmentSender;
import dev.parley.desktop.media.MediaCache;
import dev.parley.desktop.media.Upload;
import dev.parley.desktop.media.UploadState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;

/**
 * Makes, feeds and closes the {@link SignInKit} of each sign-in (uploads, downloads, typing, presence), for
 * {@link ChatService}: a kit is made when a sign-in starts and closed when it ends ({@link #kitProperty()} is
 * {@code null} while signed out). The session's SDK events reach it from {@code SdkEvents}: typing events go to the
 * {@link TypingTracker} (which a message from the typist, or the loss of the connection, clears), presence events and
 * connection states to the {@link PresenceService}, which watches the peers of the one-to-one conversations of the
 * list as they appear. An image or a file sent from here is put into the user's own timeline once the server stored
 * it, fetched back as the server keeps it (with its attachment's address), the way a message from the user's other
 * device comes in.
 * <p>
 * Threading: FX thread only; SDK results come back through the service's {@link FxBoundary}.
 */
public final class SessionExtras {
    /** How many of the newest messages are looked through for an image or file just sent. */
    private static final int SENT_LOOKUP = 20;

    private final FxBoundary fx;
    private final ConversationBook book;
    private final Messenger messenger;
    private final ReadOnlyObjectWrapper<SignInKit> kit = new ReadOnlyObjectWrapper<>(this, "kit");
    private final ListChangeListener<ConversationItem> rowsChanged = change -> watchPeers();
    private Path mediaDirectory = Path.of(System.getProperty("java.io.tmpdir"), "parley-media");
    private Clock clock = Clock.systemDefaultZone();
    private FxScheduler scheduler;

    SessionExtras(FxBoundary fx, ConversationBook book, Messenger messenger) {
        this.fx = fx;
        this.book = book;
        this.messenger = messenger;
    }

    /** The current sign-in's kit; {@code null} while signed out. */
    public ReadOnlyObjectProperty<SignInKit> kitProperty() {
        return kit.getReadOnlyProperty();
    }

    /** The current sign-in's kit, empty while signed out. */
    public Optional<SignInKit> kit() {
        return Optional.ofNullable(kit.get());
    }

    /** Where downloaded images and files are kept (the profile's {@code media} directory); from the next sign-in. */
    public void setMediaDirectory(Path directory) {
        mediaDirectory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * The time and the timers of typing and presence from the next sign-in on (tests move them themselves). By
     * default the system's clock, and JavaFX timers (or, off the FX thread, delayed tasks handed to the FX executor).
     */
    public void useTime(Clock clock, FxScheduler scheduler) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** A sign-in starts: its kit is made. */
    void started(Session s) {
        ended();
        ChatClient client = s.client();
        Executor onFx = fx::run;
        FxScheduler timers = scheduler != null ? scheduler
                : Platform.isFxApplicationThread() ? FxScheduler.javafx() : delayed(onFx);
        SignInKit made = new SignInKit(new AttachmentSender(client, onFx, messenger.fileOutbox()),
                new MediaCache(client, mediaDirectory, onFx),
                new TypingAnnouncer(client, clock), new TypingTracker(s.me(), book::nameOf, timers),
                new PresenceService(client, s.me(), onFx, clock, Locale.getDefault(), timers));
        made.attachments().getUploads().addListener((ListChangeListener<Upload>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(upload -> upload.stateProperty().addListener((o, was, now) -> {
                    if (now == UploadState.SENT) {
                        showSent(s, upload);
                    }
                }));
            }
        });
        kit.set(made);
        book.rows().addListener(rowsChanged);
        watchPeers();
    }

    /** The sign-in ended: its kit is closed and forgotten. */
    void ended() {
        SignInKit old = kit.get();
        if (old != null) {
            book.rows().removeListener(rowsChanged);
            kit.set(null);
            old.close();
        }
    }

    /** The connection's state: presence follows it; nobody's typing is known without a connection. */
    void connectionChanged(ConnectionState state) {
        kit().ifPresent(k -> {
            k.presence().connectionChanged(state);
            if (state != ConnectionState.CONNECTED) {
                k.typing().clear();
            }
        });
    }

    /** Someone is typing. */
    void typing(TypingEvent event) {
        kit().ifPresent(k -> k.typing().typing(event));
    }

    /** Someone's presence changed. */
    void presenceChanged(PresenceEvent event) {
        kit().ifPresent(k -> k.presence().presenceChanged(event));
    }

    /** A message arrived: its sender no longer types there. */
    void messageArrived(ReceivedMessage message) {
        kit().ifPresent(k -> k.typing().messageArrived(message));
    }

    private void watchPeers() {
        kit().ifPresent(k -> k.presence().watch(book.rows().stream().filter(row -> !row.isGroup())
                .map(ConversationItem::id).toList()));
    }

    /** Puts an image or file the server stored into the user's own timeline, as the server keeps it. */
    private void showSent(Session s, Upload upload) {
        String id = upload.serverId().orElse("");
        ConversationId to = upload.conversation();
        fx.whenDone(s.client().chatManager().history(to.chatType(), to.id(), "", SENT_LOOKUP), s::isCurrent,
                (page, failure) -> {
                    if (failure == null) {
                        page.receivedMessages().stream().filter(m -> m.id().equals(id)).findFirst()
                                .ifPresent(messenger.incoming()::message);
                    }
                });
    }

    /** Timers for a service whose FX executor is not JavaFX's own thread: delayed tasks handed to {@code onFx}. */
    private static FxScheduler delayed(Executor onFx) {
        return (delay, action) -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS);
            later.execute(() -> onFx.execute(() -> {
                if (!cancelled.get()) {
                    action.run();
                }
            }));
            return () -> cancelled.set(true);
        };
    }
}
