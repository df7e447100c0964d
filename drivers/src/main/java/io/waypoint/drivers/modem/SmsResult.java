package io.waypoint.drivers.modem;

/** How an SMS went: taken by the network, or not sent and why. Neither holds the number or the text. */
public sealed interface SmsResult {

    /** The network took it; {@code reference} is the modem's message reference ({@code +CMGS:}). */
    record Sent(int reference) implements SmsResult {
    }

    /** It was not sent; {@code reason} says why in words a log may show (e.g. "the modem answered +CMS ERROR"). */
    record Failed(String reason) implements SmsResult {
    }
}
