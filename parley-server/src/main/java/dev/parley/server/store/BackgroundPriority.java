package dev.parley.server.store;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * Lowers the calling thread's CPU priority on Linux (its nice value, {@code setpriority(PRIO_PROCESS, gettid(),
 * nice)}), for work that may wait while messages are being delivered: the search index. On a busy machine the
 * kernel then gives the CPU to the threads that store and deliver messages first, and the background thread catches
 * up when they leave it some; on an idle one it runs as fast as before. Raising one's own nice value needs no
 * privilege.
 * <p>
 * Uses the Foreign Function API (the launchers pass {@code --enable-native-access=dev.parley.server}). Elsewhere
 * than Linux, or when the call is refused, nothing changes and the thread keeps its priority.
 */
final class BackgroundPriority {
    private static final System.Logger LOG = System.getLogger(BackgroundPriority.class.getName());
    private static final int PRIO_PROCESS = 0;

    private BackgroundPriority() {
    }

    /**
     * Sets the calling thread's nice value to {@code nice} (0 normal … 19 lowest).
     *
     * @return whether it was set
     */
    static boolean lowerCurrentThread(int nice) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return false;
        }
        try {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            MethodHandle gettid = linker.downcallHandle(libc.find("gettid").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT));
            MethodHandle setpriority = linker.downcallHandle(libc.find("setpriority").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT));
            int tid = (int) gettid.invokeExact();
            int result = (int) setpriority.invokeExact(PRIO_PROCESS, tid, nice);
            return result == 0;
        } catch (Throwable e) { // no such symbol, native access refused, …: keep the normal priority
            LOG.log(System.Logger.Level.DEBUG, "cannot lower the priority of " + Thread.currentThread().getName(), e);
            return false;
        }
    }
}
