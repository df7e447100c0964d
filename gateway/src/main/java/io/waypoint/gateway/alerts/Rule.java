package io.waypoint.gateway.alerts;

import io.waypoint.wire.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert rule of a {@link RuleBook}: a closed set of kinds, each a record of its settings. Rules
 * are values; the {@link AlertEngine} holds all state. An alert of a rule on a node has the key
 * {@code <rule>.<node>}.
 */
public sealed interface Rule
        permits Rule.Threshold, Rule.Rate, Rule.Stuck, Rule.Missing, Rule.Label, Rule.Offline, Rule.Baseline {

    /** The settings every kind has. */
    Common common();

    /** The rule's name: {@code [a-z0-9_]{1,40}}. */
    default String name() {
        return common().name();
    }

    /**
     * Settings shared by all kinds.
     *
     * @param name          {@code [a-z0-9_]{1,40}}, first part of the alert key
     * @param severity      of the alerts it raises
     * @param message       template for the alert's message; placeholders {site} {node} {rule}
     *                      {metric} {label} {value} {threshold} {for}, for rules that judge a
     *                      ratio ({@link Baseline}, {@link Threshold} with {@code of}) {percent} and
     *                      {reference}, and for {@link Label} rules {reason}
     * @param nodes         node-name globs ({@code *} any run of characters, {@code ?} one); empty
     *                      means every node (that reports what the rule looks at)
     * @param escalateAfter how long a raised alert may stay unacknowledged (gateway clock) before it
     *                      is escalated; null: never escalated
     */
    record Common(String name, Severity severity, String message, List<String> nodes, Duration escalateAfter) {
        public Common {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(message, "message");
            nodes = List.copyOf(nodes);
        }

        /** Whether the rule applies to this node. */
        public boolean appliesTo(String node) {
            if (nodes.isEmpty()) {
                return true;
            }
            for (String glob : nodes) {
                if (glob(glob, node)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether {@code s} matches glob {@code g}. Greedy with one backtrack point, the last star:
         * at most length(g) x length(s) steps, where trying every split at every star took
         * exponential time ({@code *a*a*a*a...b} against 32 a's never finished, and it runs on the
         * ingest thread for every message).
         */
        static boolean glob(String g, String s) {
            int gi = 0;
            int si = 0;
            int star = -1;
            int starMatch = 0;
            while (si < s.length()) {
                if (gi < g.length() && (g.charAt(gi) == '?' || g.charAt(gi) == s.charAt(si))) {
                    gi++;
                    si++;
                } else if (gi < g.length() && g.charAt(gi) == '*') {
                    star = gi++;
                    starMatch = si;
                } else if (star >= 0) {
                    // the last star takes one more character, and the rest is matched again after it
                    gi = star + 1;
                    si = ++starMatch;
                } else {
                    return false;
                }
            }
            while (gi < g.length() && g.charAt(gi) == '*') {
                gi++;
            }
            return gi == g.length();
        }
    }

    /** Which side of a limit is bad. */
    enum Direction { ABOVE, BELOW }

    /**
     * A metric beyond a limit for a while, with hysteresis.
     *
     * <p>Each reading is <em>breaching</em> (strictly beyond {@code limit}), <em>clear</em>
     * (strictly on the good side of {@code clearLevel}) or in the <em>band</em> between them
     * (inclusive; with {@code clearLevel == limit} the band is that single value). The rule keeps a
     * two-state condition like a Schmitt trigger: a breaching reading sets it, a clear reading
     * resets it, a band reading leaves it (and its start time) as it was. The alert is raised by a
     * breaching reading whose event time is at least {@code holdFor} after the reading that set the
     * condition, and resolved by a clear reading at least {@code clearFor} after the reading that
     * reset it. A band reading never raises or resolves, and never restarts either timer.
     *
     * @param metric     dotted metric name, e.g. {@code turbidity_ntu.avg}
     * @param limit      the threshold ({@code above} or {@code below} in the file)
     * @param clearLevel {@code clear_below} (for ABOVE) or {@code clear_above} (for BELOW); on the
     *                   good side of, or equal to, {@code limit}
     * @param sensor     the metric comes from the node's sensor: readings while the label
     *                   {@code sensor} is present and not {@code ok} are ignored
     * @param of         null, or the name of a second metric of the same message: the rule then
     *                   judges the ratio {@code metric / of} (e.g. {@code cartridge_litres} of
     *                   {@code cartridge_rated_litres} above 0.9), and messages without {@code of},
     *                   or with it not above 0, are not judged. The alert's value is still the
     *                   metric's reading; {percent} is the ratio, {reference} the value of {@code of}
     *                   and {threshold} the limit, both as percentages
     * @param unknown    null, or the value a node sends when it could not measure (AT+CSQ's 99:
     *                   "not known or not detectable"): a reading equal to it is not judged, as if
     *                   the metric were absent, so it neither raises, resolves nor restarts a timer
     */
    record Threshold(Common common, String metric, Direction direction, double limit, double clearLevel,
                     Duration holdFor, Duration clearFor, boolean sensor, String of, Double unknown) implements Rule {
    }

    /**
     * The change of a metric between two consecutive readings of a node, per minute of event time,
     * beyond a limit. A pair beyond a limit breaches (value: the rate, negative when falling), a pair
     * within both limits clears; raised and resolved with {@code holdFor}/{@code clearFor} as in
     * {@link Threshold} (no band).
     *
     * @param risePerMin largest allowed rise per minute, or null
     * @param fallPerMin largest allowed fall per minute (a positive number), or null; not both null
     */
    record Rate(Common common, String metric, Double risePerMin, Double fallPerMin, Duration holdFor,
                Duration clearFor, boolean sensor) implements Rule {
    }

    /**
     * A metric that does not change: raised by a reading when every reading since the start of the
     * run lies within {@code tolerance} (max − min ≤ tolerance) and the run spans {@code holdFor} of
     * event time; resolved by the first reading outside it, which starts a new run. Messages without
     * the metric neither extend nor break a run.
     */
    record Stuck(Common common, String metric, double tolerance, Duration holdFor, boolean sensor) implements Rule {
    }

    /**
     * A node that keeps reporting but without a metric it has reported before (or, with
     * {@code sensor}, with the label {@code sensor} not {@code ok}). The condition starts at the first
     * message without it; raised by a message without it at least {@code holdFor} later; resolved by
     * the first message with it. Never raised for a node that never reported the metric.
     */
    record Missing(Common common, String metric, Duration holdFor, boolean sensor) implements Rule {
    }

    /**
     * How a label's text is matched against one or more {@code texts}: {@code NOT} any of them,
     * {@code EQUALS} one of them, or starts with one of them ({@code PREFIX}). In a rules file the
     * texts are comma-separated: {@code not = home, roaming}.
     */
    record LabelMatch(Op op, List<String> texts) {
        public enum Op { NOT, EQUALS, PREFIX }

        public LabelMatch {
            Objects.requireNonNull(op, "op");
            texts = List.copyOf(texts);
            if (texts.isEmpty()) {
                throw new IllegalArgumentException("a label match needs at least one text");
            }
        }

        /** A match against one text. */
        public LabelMatch(Op op, String text) {
            this(op, List.of(text));
        }

        public boolean matches(String value) {
            return switch (op) {
                case NOT -> !texts.contains(value);
                case EQUALS -> texts.contains(value);
                case PREFIX -> texts.stream().anyMatch(value::startsWith);
            };
        }

        /** The texts as written in a rules file: "home, roaming". */
        public String written() {
            return String.join(", ", texts);
        }
    }

    /**
     * A text metric that matches, e.g. {@code sensor} not {@code ok}, {@code power.shedding} not
     * {@code none}. A message with the label matching breaches, with it not matching clears, without
     * it does neither; raised and resolved with {@code holdFor}/{@code clearFor} as in {@link Threshold}.
     *
     * <p>The label's <em>reason</em> is its text after {@code fault:} ({@code fault:no_credit} →
     * {@code no_credit}), or the whole text when it has no such prefix ({@code searching}): the
     * message's {reason}. A raised alert takes its message from {@code messages} for its reason when
     * there is one (what to do differs: top up the SIM, check the antenna), else from the common one.
     *
     * @param messages templates by reason, from {@code message.<reason>} keys; may be empty
     */
    record Label(Common common, String label, LabelMatch match, Duration holdFor, Duration clearFor,
                 Map<String, String> messages) implements Rule {
        private static final String FAULT = "fault:";

        public Label {
            messages = Map.copyOf(messages);
        }

        /** The reason of a label text: after {@code fault:}, or the whole text. */
        public static String reason(String text) {
            return text.startsWith(FAULT) ? text.substring(FAULT.length()) : text;
        }

        /** The message template for a label text: the one of its reason, or the common one. */
        public String messageFor(String text) {
            return messages.getOrDefault(reason(text), common().message());
        }
    }

    /**
     * A node that is offline: a death on its state topic, or silence (no message of any kind) for
     * more than 3 of its telemetry intervals on the gateway clock. Raised once the node has been
     * offline for {@code holdFor}; resolved as soon as it is heard from again.
     */
    record Offline(Common common, Duration holdFor) implements Rule {
    }

    /**
     * Hours of the day, in a zone, in which something is expected: {@code [from, to)}, across
     * midnight when {@code to} is before {@code from}, the whole day when they are equal.
     */
    record Hours(LocalTime from, LocalTime to, ZoneId zone) {
        public static final Hours ALL_DAY = new Hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneOffset.UTC);

        public Hours {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(zone, "zone");
        }

        public boolean contains(Instant t) {
            LocalTime local = LocalTime.ofInstant(t, zone);
            if (from.equals(to)) {
                return true;
            }
            return from.isBefore(to) ? !local.isBefore(from) && local.isBefore(to)
                    : !local.isBefore(from) || local.isBefore(to);
        }
    }

    /**
     * A metric that has fallen below a fraction of what is usual for it at the same hours of the
     * day: written for a filter that clogs.
     *
     * <p><b>The signal.</b> What a clogging filter changes is the flow a fully open tap achieves,
     * not how much water people take: demand varies by the hour and the day, and at night nobody
     * draws at all, so {@code flow_lpm.avg} and {@code litres} mostly measure people. The highest
     * flow of a telemetry interval ({@code flow_lpm.max}) in which water was drawn is the flow of an
     * open tap: the default rule judges it, recording only intervals with it above
     * {@code activeAbove} (an interval with no draw says nothing about the filter).
     *
     * <p><b>Judging.</b> Readings inside {@code hours} are added to hourly sums per node (readings
     * outside are neither recorded nor judged: the night neither raises nor resolves). At each such
     * reading, the mean of the last {@code recent} whole hours (the current hour included) is
     * compared with the mean of the same hours of the day over the {@code days} days before: below
     * {@code below} times it breaches, above {@code clearAbove} times it clears, between is the band;
     * raised and resolved with {@code holdFor}/{@code clearFor} as in {@link Threshold}. Nothing is
     * judged before the node has {@code minHistory} of recorded history before the recent hours, nor
     * with fewer than {@code minSamples} readings in the recent hours or in the baseline.
     *
     * <p>When the condition is breached, the baseline it breached against is kept as the reference
     * until it clears: a filter that stays clogged for a week does not become the new usual, and a
     * backwash or new cartridge that brings the flow back resolves the alert. The alert's value is
     * the recent mean; {reference} is the baseline, {percent} their ratio, {threshold} {@code below}
     * as a percentage. Memory per node: at most {@code (days + 1) × 24} hourly sums.
     *
     * @param recent whole hours, 1 to 24
     */
    record Baseline(Common common, String metric, double activeAbove, Hours hours, Duration recent, int days,
                    Duration minHistory, int minSamples, double below, double clearAbove, Duration holdFor,
                    Duration clearFor) implements Rule {
        public Baseline {
            Objects.requireNonNull(hours, "hours");
            if (recent.toMinutes() % 60 != 0 || recent.toHours() < 1 || recent.toHours() > 24) {
                throw new IllegalArgumentException("recent must be 1 to 24 whole hours, was " + recent);
            }
        }
    }
}
