package io.waypoint.wire;

import java.util.List;

/**
 * A payload that is not the message it should be. Thrown by the {@link WireCodec} decoders;
 * {@link #reasons()} lists every problem found, each one sentence naming the key, the value and
 * what was expected, and {@link #getMessage()} joins them.
 */
public final class WireFormatException extends Exception {
    private final List<String> reasons;

    public WireFormatException(String what, List<String> reasons) {
        super(what + ": " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
