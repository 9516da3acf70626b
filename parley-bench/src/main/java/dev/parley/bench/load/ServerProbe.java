package dev.parley.bench.load;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServerConnection;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * What the benchmark sees of a server process from outside it. From {@code /proc/PID}: CPU time ({@code stat}
 * utime + stime, in clock ticks of 10 ms), bytes the process caused to be written to storage ({@code io}
 * write_bytes) and resident memory ({@code status} VmRSS). From the server's JVM, through the attach API
 * ({@code VirtualMachine.attach(pid).startLocalManagementAgent()}) and JMX: bytes allocated by all its threads
 * ({@code com.sun.management.ThreadMXBean.getTotalThreadAllocatedBytes}), the heap used, and every GC pause (the
 * collectors' notifications; concurrent cycles are not pauses and are left out). fsync and fdatasync calls are
 * counted by {@link FsyncCounter}.
 * <p>
 * Threading: the getters may be called from any thread; the pause counters are updated by JMX's notification thread.
 */
final class ServerProbe implements AutoCloseable {
    /** Clock ticks per second of {@code /proc/PID/stat} (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    private final long pid;
    private final JMXConnector jmx;
    private final MBeanServerConnection server;
    private final ThreadMXBean threads;
    private final MemoryMXBean memory;
    private final AtomicLong pauses = new AtomicLong();
    private final AtomicLong pauseMillis = new AtomicLong();
    private final AtomicLong maxPauseMillis = new AtomicLong();

    /** A snapshot of the counters; differences of two give a step's figures. */
    record Sample(long nanos, long cpuNanos, long writeBytes, long allocatedBytes, long pauses, long pauseMillis) {
    }

    private ServerProbe(long pid, JMXConnector jmx) throws IOException {
        this.pid = pid;
        this.jmx = jmx;
        this.server = jmx == null ? null : jmx.getMBeanServerConnection();
        this.threads = server == null ? null : ManagementFactory.newPlatformMXBeanProxy(server,
                ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        this.memory = server == null ? null : ManagementFactory.newPlatformMXBeanProxy(server,
                ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        if (server != null) {
            listenToPauses();
        }
    }

    /** Attaches to the JVM of process {@code pid}; without the JVM figures (allocation, GC) when it cannot. */
    static ServerProbe attach(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            return new ServerProbe(pid, JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (Exception e) {
            System.err.println("load: cannot attach to the server JVM " + pid + " (" + e
                    + "): no allocation or GC figures");
            try {
                return new ServerProbe(pid, null);
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    Sample sample() {
        return new Sample(System.nanoTime(), cpuNanos(), writeBytes(), allocated(), pauses.get(), pauseMillis.get());
    }

    /** The longest GC pause seen so far, and resets it (so each step reports its own). */
    long takeMaxPauseMillis() {
        return maxPauseMillis.getAndSet(0);
    }

    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The server's used heap after a full GC (three, to let reference processing settle); -1 without JMX. */
    long usedHeapAfterGc() {
        if (memory == null) {
            return -1;
        }
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command name
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private long writeBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring(12).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private long allocated() {
        try {
            return threads == null ? -1 : threads.getTotalThreadAllocatedBytes();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void listenToPauses() throws IOException {
        try {
            List<GarbageCollectorMXBean> collectors = ManagementFactory.getPlatformMXBeans(server,
                    GarbageCollectorMXBean.class);
            for (GarbageCollectorMXBean gc : collectors) {
                server.addNotificationListener(gc.getObjectName(), (n, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    if (info.getGcName().contains("Concurrent") || info.getGcCause().contains("System.gc")) {
                        return;
                    }
                    long ms = info.getGcInfo().getDuration();
                    pauses.incrementAndGet();
                    pauseMillis.addAndGet(ms);
                    maxPauseMillis.accumulateAndGet(ms, Math::max);
                }, null, null);
            }
        } catch (javax.management.InstanceNotFoundException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException ignored) {
                // the server is going away anyway
            }
        }
    }
}
