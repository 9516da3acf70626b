package dev.parley.desktop.groups;

import dev.parley.client.GroupEvent;
import dev.parley.desktop.chat.Faces;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.scene.Parent;

/**
 * The members panel of one open group, ready to be put beside its conversation: {@link #node()} is the pane,
 * {@link #viewModel()} its state. It loads the group at once and follows the group's events through the
 * {@link GroupsService} until {@link #close()}; a window that routes events itself may also hand them to
 * {@link #apply}. Escape or ✕ in the panel call {@code onClose} (the window hides the pane and then closes this).
 * When this user is no longer in the group, {@link MembersViewModel#goneProperty()} says why. FX thread only.
 */
public final class MembersPanel implements AutoCloseable {
    private final MembersViewModel viewModel;
    private final MembersController controller;
    private final Parent node;
    private final AutoCloseable subscription;

    private MembersPanel(MembersViewModel viewModel, MembersController controller, Parent node,
                         AutoCloseable subscription) {
        this.viewModel = viewModel;
        this.controller = controller;
        this.node = node;
        this.subscription = subscription;
    }

    /** The panel of group {@code groupId}, its members shown by their initials only (no pictures, no online dots). */
    public static MembersPanel open(GroupsService service, String groupId, Runnable onClose) {
        return open(service, groupId, Faces.INITIALS, onClose);
    }

    /**
     * Builds the panel of group {@code groupId} and starts loading it.
     *
     * @param service the signed-in user's groups service
     * @param faces   the members' uploaded pictures and online state (the window's {@code LiveViewModel}), shown as
     *                in the conversation list
     * @param onClose hides the panel (Escape or ✕)
     */
    public static MembersPanel open(GroupsService service, String groupId, Faces faces, Runnable onClose) {
        Objects.requireNonNull(onClose, "onClose");
        MembersViewModel viewModel = new MembersViewModel(service, groupId);
        MemberPickerController picker = new MemberPickerController(viewModel.picker());
        MembersController controller = new MembersController(viewModel, service.currentUser(), faces, onClose);
        Parent node = GroupViews.load("Members.fxml", Map.<Class<?>, Supplier<Object>>of(
                MembersController.class, () -> controller, MemberPickerController.class, () -> picker));
        AutoCloseable subscription = service.onGroupEvent(viewModel::apply);
        viewModel.refresh();
        return new MembersPanel(viewModel, controller, node, subscription);
    }

    /** The pane. */
    public Parent node() {
        return node;
    }

    /** The panel's state (name, members, this user's role, whether they are still in the group). */
    public MembersViewModel viewModel() {
        return viewModel;
    }

    /** Follows a group event (events of other groups are ignored). */
    public void apply(GroupEvent event) {
        viewModel.apply(event);
    }

    /** Puts the keyboard focus in the panel. */
    public void focus() {
        controller.focus();
    }

    /** Stops following the group's events. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
