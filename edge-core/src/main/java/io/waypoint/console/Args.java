package io.waypoint.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one command line, already checked against the command's {@link Arg}s: a handler
 * asks for them by name and by the kind it declared. Asking for a name the command did not declare,
 * or for the wrong kind, is a programming error ({@link IllegalArgumentException}).
 */
public final class Args {
    private final Map<String, Object> values;

    private Args(Map<String, Object> values) {
        this.values = values;
    }

    static Args none() {
        return new Args(Map.of());
    }

    static Args of(Map<String, Object> values) {
        return new Args(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** The value of a {@link Arg.Quantity}, in the unit it declared. */
    public double number(String name) {
        return get(name, Double.class);
    }

    /** The value of a {@link Arg.Word}, as typed. */
    public String word(String name) {
        return get(name, String.class);
    }

    /** The value of a {@link Arg.Choice}, spelled as declared. */
    public String choice(String name) {
        return get(name, String.class);
    }

    /** The values in order, numbers written plainly ({@code 12.5}, not {@code 12.50000001} or {@code 1.25E1}). */
    List<String> written(List<Arg> spec) {
        List<String> out = new ArrayList<>(spec.size());
        for (Arg a : spec) {
            Object v = values.get(a.name());
            if (v instanceof Double d) {
                String n = TypedNumber.write(d);
                out.add(a instanceof Arg.Quantity q && q.unit() != null ? n + " " + q.unit() : n);
            } else {
                out.add(String.valueOf(v));
            }
        }
        return List.copyOf(out);
    }

    private <T> T get(String name, Class<T> type) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("this command has no argument named " + name + "; it has " + values.keySet());
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("argument " + name + " is not a " + type.getSimpleName().toLowerCase());
        }
        return type.cast(v);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
