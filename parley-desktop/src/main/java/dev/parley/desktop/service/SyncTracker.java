package dev.parley.desktop.service;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Whether anything is being fetched: REST loads in flight (conversations, history) or the offline sync between
 * {@code onOfflineMessageSyncStart} and {@code onOfflineMessageSyncFinish}. FX thread only.
 */
final class SyncTracker {
    private final ReadOnlyBooleanWrapper syncing = new ReadOnlyBooleanWrapper(this, "syncing", false);
    private int loads;
    private boolean offlineSync;

    ReadOnlyBooleanProperty syncingProperty() {
        return syncing.getReadOnlyProperty();
    }

    void loadStarted() {
        loads++;
        update();
    }

    void loadFinished() {
        loads = Math.max(0, loads - 1);
        update();
    }

    void offlineSync(boolean running) {
        offlineSync = running;
        update();
    }

    void reset() {
        loads = 0;
        offlineSync = false;
        update();
    }

    private void update() {
        syncing.set(loads > 0 || offlineSync);
    }
}
