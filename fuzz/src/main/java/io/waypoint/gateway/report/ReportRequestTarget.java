package io.waypoint.gateway.report;

import io.waypoint.fuzz.FuzzTarget;
import io.waypoint.fuzz.HostileValues;
import io.waypoint.fuzz.InvariantViolation;
import io.waypoint.fuzz.JsonShape;
import io.waypoint.fuzz.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The gateway's {@code report} command: the fuzz input is a request's payload as it arrives on
 * {@code wp/v1/_gateway/{id}/cmd/report}, read by {@link ReportCommand#read}. A request that reads is
 * put to work as far as no store is needed: its month's period in its zone, as of a fixed now. A
 * {@link ReportCommand.Refused} (or a month not begun) is the documented reject; its reason must be
 * one line and must not repeat a value that may identify a person.
 */
public final class ReportRequestTarget implements FuzzTarget {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final List<String> MONTHS = List.of("2026-10", "2026-11", "2026-12", "1970-01", "1969-12", "9999-12", "+999999999-12",
            "-999999999-01", "0000-01", "2026-13", "2026-00", "2026-1", "12345-01", "2026-10-01", "");
    private static final List<String> ZONES = List.of("UTC", "America/Mexico_City", "Asia/Kathmandu", "Z", "+14:00", "-18:00",
            "Etc/GMT+12", "Mars/Olympus", "", "UTC+25", "America/../../etc/passwd");

    @Override
    public String name() {
        return "report-request";
    }

    @Override
    public String describe() {
        return "the gateway's report command requests (ReportCommand, ReportRequest, a month's period in a zone)";
    }

    @Override
    public int maxInputBytes() {
        return 8192; // the command refuses more than 4096 bytes unread
    }

    @Override
    public List<byte[]> seeds() {
        return List.of(
                bytes("{\"id\":\"r-1\",\"site\":\"la-gloria\",\"month\":\"2026-10\",\"format\":\"json\",\"zone\":\"UTC\"}"),
                bytes("{\"site\":\"la-gloria\",\"month\":\"2026-11\",\"format\":\"text\",\"zone\":\"America/Mexico_City\"}"),
                bytes("{\"site\":\"la-gloria\",\"month\":\"2026-10\",\"format\":\"csv\"}"));
    }

    @Override
    public byte[] generate(SplittableRandom r) {
        Map<String, Object> o = JsonShape.object(
                JsonShape.member("id", HostileValues.pick(r, List.of("r-1", "a.b_c", "x".repeat(64), "x".repeat(65), "a b", ""))),
                JsonShape.member("site", HostileValues.pick(r, List.of("la-gloria", "_gateway", "La Gloria", "a".repeat(33), ""))),
                JsonShape.member("month", HostileValues.pick(r, MONTHS)),
                JsonShape.member("format", HostileValues.pick(r, List.of("json", "csv", "text", "JSON", "pdf", ""))),
                JsonShape.member("zone", HostileValues.pick(r, ZONES)));
        if (r.nextBoolean()) {
            JsonShape.spoil(o, r);
        }
        return bytes(JsonShape.write(o));
    }

    @Override
    public List<byte[]> dictionary() {
        return List.of("\"id\":", "\"site\":", "\"month\":", "\"format\":", "\"zone\":", "\"la-gloria\"", "\"2026-10\"", "\"json\"",
                        "\"csv\"", "\"text\"", "\"UTC\"", "null", "{", "}", "[", "]")
                .stream().map(ReportRequestTarget::bytes).toList();
    }

    @Override
    public Outcome run(byte[] input) {
        ReportCommand.Asked asked = ReportCommand.read(input);
        if (asked instanceof ReportCommand.Refused refused) {
            checkReason(refused.reason());
            return Outcome.rejected(refused.reason());
        }
        ReportRequest request = ((ReportCommand.Valid) asked).request();
        MonthTally tally;
        try {
            tally = new MonthTally(request.site(), request.month(), request.zone(), NOW);
        } catch (IllegalArgumentException e) { // a month not begun
            checkReason(e.getMessage());
            return Outcome.rejected(e.getMessage());
        }
        MonthlyReport report = tally.finish();
        InvariantViolation.check(report.from().isBefore(report.to()), "an empty or reversed period " + report.from() + " " + report.to());
        InvariantViolation.check(!report.to().isAfter(NOW), "a period ending after now: " + report.to());
        InvariantViolation.check(request.format().render(report).endsWith("\n"), "a report that does not end its last line");
        return Outcome.accepted(request.format().wire());
    }

    private static void checkReason(String reason) {
        InvariantViolation.check(reason != null && !reason.isBlank() && reason.lines().count() == 1, "a reason that is not one line");
        InvariantViolation.check(!io.waypoint.wire.PrivacyGuard.identifyingValue(reason), "a reason that repeats an identifying value");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
