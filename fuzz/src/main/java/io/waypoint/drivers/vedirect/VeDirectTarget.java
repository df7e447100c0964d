package io.waypoint.drivers.vedirect;

import io.waypoint.fuzz.FuzzTarget;
import io.waypoint.fuzz.InvariantViolation;
import io.waypoint.fuzz.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * VE.Direct text protocol: the fuzz input is the bytes a charge controller sends, fed in pieces to
 * the real {@link VeDirectBlockParser}, with the line going quiet between some pieces as the reader
 * tells it; every reading it gives is read through all of {@link VeDirectReading}'s typed views.
 * An input that yields no reading is a reject, by what the parser counted (bad checksum, cut block,
 * noise).
 */
public final class VeDirectTarget implements FuzzTarget {
    private static final int MAX_BYTES = 4096;

    @Override
    public String name() {
        return "vedirect";
    }

    @Override
    public String describe() {
        return "VE.Direct text blocks (VeDirectBlockParser, VeDirectReading)";
    }

    @Override
    public int maxInputBytes() {
        return MAX_BYTES;
    }

    @Override
    public List<byte[]> seeds() {
        return VeDirectBlockGenerator.seeds();
    }

    @Override
    public byte[] generate(SplittableRandom random) {
        return VeDirectBlockGenerator.blocks(random);
    }

    @Override
    public List<byte[]> dictionary() {
        return List.of("\r\n", "\t", "Checksum\t", "V\t", "I\t", "CS\t", "H20\t", "LOAD\t", "PID\t", ":A", ":7").stream()
                .map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList();
    }

    @Override
    public Outcome run(byte[] input) {
        SplittableRandom delivery = FuzzTarget.deliveryRandom(input);
        VeDirectBlockParser parser = new VeDirectBlockParser();
        int readings = 0;
        int at = 0;
        while (at < input.length) {
            int n = delivery.nextInt(3) == 0 ? 1 + delivery.nextInt(Math.min(32, input.length - at)) : input.length - at;
            for (VeDirectReading r : parser.feed(Arrays.copyOfRange(input, at, at + n))) {
                readings++;
                read(r);
            }
            at += n;
            if (delivery.nextInt(10) == 0) {
                parser.lineWentQuiet();
            }
        }
        VeDirectStats s = parser.stats();
        InvariantViolation.check(s.bytes() == input.length, () -> "counted " + s.bytes() + " bytes of " + input.length);
        int gave = readings;
        InvariantViolation.check(s.blocks() == gave, () -> "counted " + s.blocks() + " blocks, gave " + gave);
        if (readings > 0) {
            return Outcome.accepted(readings == 1 ? "one block" : "blocks");
        }
        if (s.badChecksum() > 0) {
            return Outcome.rejected("bad checksum");
        }
        if (s.cutBlocks() > 0) {
            return Outcome.rejected("block cut short");
        }
        if (s.hexFrames() > 0) {
            return Outcome.rejected("hex frames only");
        }
        return Outcome.rejected(s.noiseBytes() > 0 ? "noise" : "no block");
    }

    /** Every view a kiosk uses, and the limits the parser promises for what it keeps. */
    private static void read(VeDirectReading r) {
        InvariantViolation.check(r.fields().size() <= VeDirectBlockParser.MAX_FIELDS, () -> r.fields().size() + " fields");
        for (Map.Entry<String, String> e : r.fields().entrySet()) {
            InvariantViolation.check(e.getKey().length() <= VeDirectBlockParser.MAX_LABEL
                    && e.getValue().length() <= VeDirectBlockParser.MAX_VALUE + 1, "a field longer than the limits");
        }
        r.batteryMillivolts();
        r.batteryMilliamps();
        r.panelMillivolts();
        r.panelWatts();
        r.chargeState().ifPresent(ChargeState::isCharging);
        r.errorCode();
        r.loadOn();
        r.loadMilliamps();
        r.yieldTodayWh().ifPresent(wh -> InvariantViolation.check(wh >= 0 || r.fields().get("H20").strip().startsWith("-"),
                () -> "yield today " + wh + " Wh from H20 = " + r.fields().get("H20")));
        r.productId();
    }
}
