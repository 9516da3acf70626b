package dev.parley.desktop;

import dev.parley.desktop.media.FileActions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.Window;

/**
 * The window's file actions in tests: no save dialog (a save goes to the directory given, or is cancelled without
 * one), and files "opened" are only recorded. Threading: any.
 */
public final class TestFileActions implements FileActions {
    private final Path saveDirectory;
    private final List<Path> opened = new CopyOnWriteArrayList<>();

    /** Actions that save into {@code saveDirectory}; {@code null} cancels every save. */
    public TestFileActions(Path saveDirectory) {
        this.saveDirectory = saveDirectory;
    }

    @Override
    public Optional<Path> chooseSaveTarget(Window owner, String suggestedName) {
        return saveDirectory == null ? Optional.empty() : Optional.of(saveDirectory.resolve(suggestedName));
    }

    @Override
    public void open(Path file) {
        opened.add(file);
    }

    /** The files opened, in order. */
    public List<Path> opened() {
        return opened;
    }
}
