package io.waypoint.wire;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message the gateway refused, published on {@code wp/v1/_gateway/{id}/rejects} so that a
 * technician sees why: {@code {"topic":..,"bytes":N,"reasons":[..],"at":".."}}. It never carries the
 * payload itself: that could hold anything, including what identifies a person.
 *
 * @param topic   the topic it arrived on, cut to {@value #MAX_TOPIC} characters ("" when there was none;
 *                {@value #WITHHELD} when it holds something {@link PrivacyGuard} flags)
 * @param bytes   the payload's size
 * @param reasons why it was refused; at least one, at most {@value #MAX_REASONS} (the last then says how
 *                many more there were)
 * @param at      when the gateway refused it
 */
public record Reject(String topic, int bytes, List<String> reasons, Instant at) {
    public static final int MAX_TOPIC = 256;
    /** Reasons kept; a payload of many bad members has thousands, and the reject must stay a readable message. */
    public static final int MAX_REASONS = 20;
    public static final String WITHHELD = "(withheld: it may identify a person)";

    /** @throws IllegalArgumentException for negative bytes or no reasons */
    public Reject {
        topic = topic == null ? "" : topic.length() <= MAX_TOPIC ? topic : topic.substring(0, MAX_TOPIC);
        if (PrivacyGuard.identifyingValue(topic)) {
            topic = WITHHELD;
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, was " + bytes);
        }
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a reject needs at least one reason");
        }
        if (reasons.size() > MAX_REASONS) {
            List<String> kept = new java.util.ArrayList<>(reasons.subList(0, MAX_REASONS - 1));
            kept.add("and " + (reasons.size() - kept.size()) + " more reasons");
            reasons = kept;
        }
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(at, "at");
    }
}
