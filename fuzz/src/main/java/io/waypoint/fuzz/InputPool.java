package io.waypoint.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The inputs worth mutating: the seeds, and every input that made the parser answer in a way not
 * seen before (a new reject reason, a new kind of result). Without coverage instrumentation a new
 * answer is the best sign of a new path. Bounded in entries and bytes; seeds stay.
 */
final class InputPool {
    private static final int MAX_ENTRIES = 4_000;
    private static final long MAX_BYTES = 8L << 20;

    private final List<byte[]> inputs = new ArrayList<>();
    private final int seeds;
    private long bytes;

    private final int maxInputBytes;

    /** @param maxInputBytes longer inputs are not kept: mutating them costs more than it finds */
    InputPool(List<byte[]> seeds, int maxInputBytes) {
        this.maxInputBytes = maxInputBytes;
        for (byte[] s : seeds) {
            inputs.add(s);
            bytes += s.length;
        }
        this.seeds = inputs.size();
    }

    void add(byte[] input, SplittableRandom random) {
        if (input.length > maxInputBytes) {
            return;
        }
        if (inputs.size() < MAX_ENTRIES && bytes + input.length <= MAX_BYTES) {
            inputs.add(input);
            bytes += input.length;
            return;
        }
        if (inputs.size() > seeds) {
            int victim = seeds + random.nextInt(inputs.size() - seeds);
            byte[] old = inputs.get(victim);
            if (bytes - old.length + input.length <= MAX_BYTES) {
                inputs.set(victim, input);
                bytes += input.length - old.length;
            }
        }
    }

    byte[] pick(SplittableRandom random) {
        return inputs.isEmpty() ? new byte[0] : inputs.get(random.nextInt(inputs.size()));
    }

    int size() {
        return inputs.size();
    }
}
