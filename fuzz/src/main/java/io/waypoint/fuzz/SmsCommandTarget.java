package io.waypoint.fuzz;

import io.waypoint.wire.PrivacyGuard;
import io.waypoint.wire.SmsCommand;
import io.waypoint.wire.WireCodec;
import io.waypoint.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The kiosk's {@code cmd/sms}: the fuzz input is a command's payload as it arrives on
 * {@code wp/v1/{site}/{kiosk}/cmd/sms}, read by {@link WireCodec#decodeSmsCommand}. One that reads
 * must be what {@link SmsCommand} promises (an id, a list's id, one SMS of text); a refusal is one
 * line per reason and repeats no value that may identify a person (the list's id is never echoed).
 */
public final class SmsCommandTarget implements FuzzTarget {
    private static final List<String> TEXTS = List.of("CRITICAL la-gloria 14:03Z: Water unsafe at well-01", "x".repeat(160),
            "x".repeat(161), "", "agua {no} potable", "Bateria baja\nen kiosk-03", "+34600123789");

    @Override
    public String name() {
        return "sms-command";
    }

    @Override
    public String describe() {
        return "the kiosk's SMS command (WireCodec.decodeSmsCommand)";
    }

    @Override
    public int maxInputBytes() {
        return 4096;
    }

    @Override
    public List<byte[]> seeds() {
        return List.of(bytes("{\"id\":\"turbidity_unsafe.well-01 raised 2026-11-27T14:03:00Z\",\"to\":\"staff\","
                + "\"text\":\"la-gloria CRITICAL 14:03Z: Water unsafe at well-01\"}"));
    }

    @Override
    public byte[] generate(SplittableRandom r) {
        Map<String, Object> o = JsonShape.object(
                JsonShape.member("id", HostileValues.pick(r, List.of("a raised", "summary 2", "x".repeat(96), "x".repeat(97), ""))),
                JsonShape.member("to", HostileValues.pick(r, List.of("staff", "Staff", "+34600123789", "a".repeat(33), ""))),
                JsonShape.member("text", HostileValues.pick(r, TEXTS)));
        if (r.nextBoolean()) {
            JsonShape.spoil(o, r);
        }
        return bytes(JsonShape.write(o));
    }

    @Override
    public List<byte[]> dictionary() {
        return List.of("\"id\":", "\"to\":", "\"text\":", "\"staff\"", "null", "{", "}", "[", "]").stream()
                .map(SmsCommandTarget::bytes).toList();
    }

    @Override
    public Outcome run(byte[] input) {
        try {
            SmsCommand c = WireCodec.decodeSmsCommand(input);
            InvariantViolation.check(!c.id().isEmpty() && c.id().length() <= SmsCommand.MAX_ID, "an id out of bounds");
            InvariantViolation.check(!c.text().isEmpty() && c.text().length() <= SmsCommand.MAX_TEXT, "a text longer than one SMS");
            InvariantViolation.check(c.to().matches("[a-z0-9][a-z0-9-]{0,31}"), "a recipient list that is no id");
            return Outcome.accepted("sms");
        } catch (WireFormatException e) {
            for (String reason : e.reasons()) {
                InvariantViolation.check(reason != null && !reason.isBlank() && reason.lines().count() == 1, "a reason that is not one line");
                InvariantViolation.check(!PrivacyGuard.identifyingValue(reason), "a reason that repeats an identifying value");
            }
            return Outcome.rejected(e.reasons().isEmpty() ? e.getMessage() : e.reasons().get(0));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
