package dev.parley.server;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live heap of this JVM after a full GC: the bytes in use and the class histogram (instances and bytes by class),
 * for tests that check what the server keeps. Taking one runs full GCs.
 *
 * @param used    heap bytes in use after GC
 * @param classes class name → {instances, bytes}
 */
public record HeapSnapshot(long used, Map<String, long[]> classes) {
    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    public static HeapSnapshot take() {
        Map<String, long[]> classes = histogram();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return new HeapSnapshot(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), classes);
    }

    /** Instances of {@code className} more than in {@code before}. */
    long instancesMoreThan(HeapSnapshot before, String className) {
        return count(classes, className, 0) - count(before.classes, className, 0);
    }

    /** The classes that grew most since {@code before}, one per line, per {@code per} (connections, frames …). */
    String growthSince(HeapSnapshot before, long per, int top) {
        return classes.keySet().stream()
                .sorted(Comparator.comparingLong((String c) -> before.count(c, 1) - count(classes, c, 1)))
                .limit(top)
                .map(c -> String.format(Locale.ROOT, "  %9.1f B %7.2f objects  %s",
                        (count(classes, c, 1) - before.count(c, 1)) / (double) per,
                        (count(classes, c, 0) - before.count(c, 0)) / (double) per, c))
                .collect(Collectors.joining("\n"));
    }

    private long count(String className, int column) {
        return count(classes, className, column);
    }

    private static long count(Map<String, long[]> classes, String className, int column) {
        long[] row = classes.get(className);
        return row == null ? 0 : row[column];
    }

    private static Map<String, long[]> histogram() {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("no class histogram from this JVM", e);
        }
        Map<String, long[]> byClass = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                byClass.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return byClass;
    }
}
