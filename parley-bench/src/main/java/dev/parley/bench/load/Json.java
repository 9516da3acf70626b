package dev.parley.bench.load;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** Writes the results as JSON: records (by their components), maps, collections, strings, numbers, booleans. */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object v, StringBuilder out, String indent) {
        String inner = indent + "  ";
        switch (v) {
            case null -> out.append("null");
            case String s -> string(s, out);
            case Double d -> out.append(d.isNaN() || d.isInfinite() ? "null"
                    : String.format(Locale.ROOT, "%.3f", d).replaceAll("\\.?0+$", ""));
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            case Enum<?> e -> string(e.toString(), out);
            case Map<?, ?> m -> {
                out.append('{');
                String sep = "\n";
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.append(sep).append(inner);
                    string(String.valueOf(e.getKey()), out);
                    out.append(": ");
                    write(e.getValue(), out, inner);
                    sep = ",\n";
                }
                out.append(m.isEmpty() ? "}" : "\n" + indent + "}");
            }
            case Collection<?> c -> {
                out.append('[');
                String sep = "\n";
                for (Object o : c) {
                    out.append(sep).append(inner);
                    write(o, out, inner);
                    sep = ",\n";
                }
                out.append(c.isEmpty() ? "]" : "\n" + indent + "]");
            }
            case Record r -> {
                out.append('{');
                String sep = "\n";
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    out.append(sep).append(inner);
                    string(c.getName(), out);
                    out.append(": ");
                    try {
                        c.getAccessor().setAccessible(true);
                        write(c.getAccessor().invoke(r), out, inner);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                    sep = ",\n";
                }
                out.append("\n").append(indent).append('}');
            }
            default -> string(v.toString(), out);
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
