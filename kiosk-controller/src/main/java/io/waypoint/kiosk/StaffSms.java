package io.waypoint.kiosk;

import com.github.cliftonlabs.json_simple.JsonObject;
import io.waypoint.drivers.modem.AtModem;
import io.waypoint.drivers.modem.SmsResult;
import io.waypoint.node.NodeLink;
import io.waypoint.wire.SmsCommand;
import io.waypoint.wire.WireCodec;
import io.waypoint.wire.WireFormatException;
import java.util.Map;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * Answers the gateway's {@code cmd/sms}: queues the text to every number of the named recipient list
 * on the kiosk's modem and answers at once with how many were queued (the command arrives on the
 * uplink's thread, which must not wait for the network). The modem sends them one by one while no
 * call is in progress; each outcome is logged with the number masked. Whether to send, how often and
 * what text is the gateway's decision ({@code SmsPolicy}); the kiosk only holds the numbers.
 */
final class StaffSms implements NodeLink.CommandHandler {
    private final String node;
    private final Map<String, StaffNumbers> lists;
    private final Supplier<AtModem> modem;

    StaffSms(String node, Map<String, StaffNumbers> lists, Supplier<AtModem> modem) {
        this.node = node;
        this.lists = Map.copyOf(lists);
        this.modem = modem;
    }

    @Override
    public String handle(byte[] payload) {
        SmsCommand c;
        try {
            c = WireCodec.decodeSmsCommand(payload);
        } catch (WireFormatException e) {
            return refusal(null, e.getMessage());
        }
        StaffNumbers list = lists.get(c.to());
        if (list == null) {
            return refusal(c.id(), "no recipient list '" + c.to() + "' on this kiosk: add [sms] " + c.to()
                    + " = +NUMBER,... to its config" + (lists.isEmpty() ? "" : " (it has " + String.join(", ", lists.keySet()) + ")"));
        }
        AtModem m = modem.get();
        if (m == null) {
            return refusal(c.id(), "the kiosk's modem is not started yet: ask again");
        }
        int queued = 0;
        for (String number : list.numbers()) {
            String masked = StaffNumbers.mask(number);
            try {
                m.sendSms(number, c.text()).whenComplete((r, e) -> outcome(c, masked, r));
                queued++;
            } catch (IllegalArgumentException e) {
                return refusal(c.id(), e.getMessage());
            }
        }
        Logger.info("kiosk {}: SMS {} queued for {} number(s) of list {}: {}", node, c.id(), queued, c.to(), list.masked());
        JsonObject o = new JsonObject();
        o.put("id", c.id());
        o.put("ok", true);
        o.put("queued", queued);
        return o.toJson();
    }

    private void outcome(SmsCommand c, String masked, SmsResult r) {
        if (r instanceof SmsResult.Sent) {
            Logger.info("kiosk {}: SMS {} sent to {}", node, c.id(), masked);
        } else if (r instanceof SmsResult.Failed f) {
            Logger.warn("kiosk {}: SMS {} to {} not sent: {}; check the SIM's credit and signal (console: modem)", node, c.id(),
                    masked, f.reason());
        }
    }

    private static String refusal(String id, String error) {
        JsonObject o = new JsonObject();
        if (id != null) {
            o.put("id", id);
        }
        o.put("ok", false);
        o.put("error", error);
        return o.toJson();
    }
}
