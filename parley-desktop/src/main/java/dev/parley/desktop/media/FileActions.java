package dev.parley.desktop.media;

import java.io.File;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javafx.application.HostServices;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * What the file bubble and the viewer ask of the desktop: where to save a file (a save dialog), and opening a file
 * with the system's application for it. {@link #system} does both with JavaFX ({@link FileChooser},
 * {@link HostServices#showDocument}); tests give their own.
 * <p>
 * Threading: FX thread.
 */
public interface FileActions {
    /** Asks where to save {@code suggestedName}; empty when the user cancels. */
    Optional<Path> chooseSaveTarget(Window owner, String suggestedName);

    /** Opens {@code file} with the system's application for its type. */
    void open(Path file);

    /** The desktop's save dialog and {@code hostServices.showDocument}. */
    static FileActions system(HostServices hostServices) {
        Objects.requireNonNull(hostServices, "hostServices");
        return new FileActions() {
            @Override
            public Optional<Path> chooseSaveTarget(Window owner, String suggestedName) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Save “" + suggestedName + "”");
                chooser.setInitialFileName(MediaCache.safeName(suggestedName));
                File chosen = chooser.showSaveDialog(owner);
                return Optional.ofNullable(chosen).map(File::toPath);
            }

            @Override
            public void open(Path file) {
                hostServices.showDocument(file.toUri().toString());
            }
        };
    }
}
