package dev.parley.desktop.service;

import dev.parley.desktop.live.PresenceService;
import dev.parley.desktop.live.TypingAnnouncer;
import dev.parley.desktop.live.TypingTracker;
import dev.parley.desktop.media.AttachmentSender;
import dev.parley.desktop.media.MediaCache;
import dev.parley.desktop.media.Upload;
import java.util.List;
import java.util.Objects;

/**
 * The media and live parts of one sign-in, made when it starts and closed when it ends ({@link SessionExtras}): the
 * {@link AttachmentSender} of the composer's uploads, the {@link MediaCache} of downloaded images and files, the
 * {@link TypingAnnouncer} of the user's own typing, the {@link TypingTracker} of others' typing, and the
 * {@link PresenceService} of the people in the conversation list. Views reach them through
 * {@link ChatService#extras()}.
 * <p>
 * Threading: FX thread only.
 *
 * @param attachments sends images and files
 * @param media       downloads images and files into the profile's media directory
 * @param announcer   tells the others that this user types
 * @param typing      who types where
 * @param presence    who is online, last seen when, and their status lines
 */
public record SignInKit(AttachmentSender attachments, MediaCache media, TypingAnnouncer announcer,
                        TypingTracker typing, PresenceService presence) {
    /** Checks that no part is missing. */
    public SignInKit {
        Objects.requireNonNull(attachments, "attachments");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(announcer, "announcer");
        Objects.requireNonNull(typing, "typing");
        Objects.requireNonNull(presence, "presence");
    }

    /** The sign-in ended: uploads under way are cancelled, typing is forgotten, presence stops refreshing. */
    void close() {
        List.copyOf(attachments.getUploads()).forEach(Upload::cancel);
        typing.clear();
        presence.close();
    }
}
