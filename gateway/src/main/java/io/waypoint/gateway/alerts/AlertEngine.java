package io.waypoint.gateway.alerts;

import io.waypoint.gateway.alerts.State.Cause;
import io.waypoint.gateway.alerts.State.NodeId;
import io.waypoint.gateway.alerts.State.Open;
import io.waypoint.gateway.alerts.State.Track;
import io.waypoint.gateway.alerts.State.TrackId;
import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns node messages into alert transitions for logistics staff, by the rules of a {@link RuleBook}.
 *
 * <p>Every method returns the transitions it caused, in order; each is one {@link Alert} to publish
 * (retained on {@code alerts/active/{key}}, cleared when {@link AlertState#RESOLVED}; every one on
 * {@code alerts/events}). An alert's key is {@code <rule>.<node>}; per site there is at most one open
 * alert per key: while it is open, re-evaluation never raises it again; once resolved, the key may be
 * raised again later with a new {@code since}. Lifecycle: raised → (escalated) → (acknowledged) →
 * resolved; resolved can follow any open state.
 *
 * <p>Two clocks, both passed in, never read: rules on telemetry are judged on the messages' event
 * time ({@link Observation#ts()}), so replaying a day of messages gives the alerts living it gave, and
 * their transitions carry event times. Liveness (offline, staleness) and escalation are measured on
 * the gateway's clock ({@link Observation#received()}, {@code received}, {@code now}), and their
 * transitions carry gateway times.
 *
 * <p>Observations of a node whose event time is not after the last one evaluated for that node
 * (duplicates, late arrivals) are not evaluated by the rules; they still show the node is alive.
 *
 * <p>Not thread-safe: call it from one thread, or under one lock.
 */
public final class AlertEngine {
    /** A node's telemetry interval until it reports {@code interval_s}. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** A node silent for more than this many intervals (gateway clock) is offline. */
    public static final int STALE_INTERVALS = 3;

    private final RuleBook book;
    private final State state;

    /** An engine with no history. */
    public AlertEngine(RuleBook book) {
        this(book, new State());
    }

    private AlertEngine(RuleBook book, State state) {
        this.book = Objects.requireNonNull(book, "book");
        this.state = state;
    }

    /**
     * An engine that continues exactly where the one that wrote {@code snapshot} stopped: the same
     * open alerts, pending conditions, node liveness and history. Conditions of rules that are no
     * longer in {@code book} are dropped; their open alerts are resolved by the next {@link #tick}.
     *
     * @throws IllegalArgumentException when the snapshot is not one {@link #snapshot()} wrote
     */
    public static AlertEngine restore(RuleBook book, String snapshot) {
        State state = Snapshot.read(snapshot);
        state.tracks.keySet().removeIf(id -> book.rule(id.rule()).isEmpty());
        return new AlertEngine(book, state);
    }

    /** The engine's whole state as a JSON text, for {@link #restore}. */
    public String snapshot() {
        return Snapshot.write(state);
    }

    /**
     * Evaluates one telemetry message: the node is heard from (an offline alert of it resolves, at
     * {@code received}), then, unless the message is not newer than the last evaluated one of the
     * node, every rule that applies to the node is evaluated at {@code o.ts()}.
     */
    public List<Alert> observe(Observation o) {
        List<Alert> out = new ArrayList<>();
        State.Node n = node(o.site(), o.node());
        heard(o.site(), o.node(), n, o.received(), out);
        if (n.lastTs != null && !o.ts().isAfter(n.lastTs)) {
            return out;
        }
        n.lastTs = o.ts();
        Double interval = o.numbers().get("interval_s");
        if (interval != null && interval >= 1 && interval <= 86_400) {
            n.interval = Duration.ofMillis(Math.round(interval * 1000));
        }
        for (Rule rule : book.rules()) {
            if (!rule.common().appliesTo(o.node())) {
                continue;
            }
            TrackId id = new TrackId(o.site(), rule.name(), o.node());
            if (rule instanceof Rule.Threshold t) {
                threshold(id, t, o, out);
            } else if (rule instanceof Rule.Rate r) {
                rate(id, r, o, out);
            } else if (rule instanceof Rule.Stuck s) {
                stuck(id, s, o, out);
            } else if (rule instanceof Rule.Missing m) {
                missing(id, m, n, o, out);
            } else if (rule instanceof Rule.Label l) {
                label(id, l, o, out);
            } else if (rule instanceof Rule.Baseline b) {
                baseline(id, b, o, out);
            }
        }
        for (Rule rule : book.rules()) {
            if (rule instanceof Rule.Missing m && o.numbers().containsKey(m.metric())) {
                n.seen.add(m.metric());
            }
        }
        return out;
    }

    /**
     * A message on the node's retained state topic: a birth ({@code online}) means the node is heard
     * from; a death makes it offline from {@code received} (gateway clock), and an offline rule with
     * {@code for = 0} raises at once. Other offline alerts are raised by {@link #tick}.
     */
    public List<Alert> nodeState(String site, String node, boolean online, Instant received) {
        List<Alert> out = new ArrayList<>();
        State.Node n = node(site, node);
        if (online) {
            heard(site, node, n, received, out);
        } else {
            if (n.offlineSince == null) {
                n.offlineSince = received;
                n.offlineCause = Cause.DEATH;
            }
            raiseOffline(site, node, n, received, out);
        }
        return out;
    }

    /**
     * Advances the gateway clock to {@code now}: a node not heard from for more than
     * {@value #STALE_INTERVALS} of its intervals becomes offline from {@code now}; offline alerts
     * whose {@code for} has passed are raised; raised alerts unacknowledged for their rule's
     * {@code escalate_after} (measured from when the gateway raised them) are escalated; open alerts
     * of rules no longer in the rule book are resolved. Call it every few seconds.
     */
    public List<Alert> tick(Instant now) {
        List<Alert> out = new ArrayList<>();
        for (TrackId id : List.copyOf(state.open.keySet())) {
            if (book.rule(id.rule()).isEmpty()) {
                resolve(id, now, null, "the rule is no longer configured", out);
            }
        }
        for (Map.Entry<NodeId, State.Node> e : state.nodes.entrySet()) {
            State.Node n = e.getValue();
            if (n.offlineSince == null && n.lastReceived != null
                    && Duration.between(n.lastReceived, now).compareTo(n.interval.multipliedBy(STALE_INTERVALS)) > 0) {
                n.offlineSince = now;
                n.offlineCause = Cause.STALE;
            }
            if (n.offlineSince != null) {
                raiseOffline(e.getKey().site(), e.getKey().node(), n, now, out);
            }
        }
        for (Map.Entry<TrackId, Open> e : List.copyOf(state.open.entrySet())) {
            Open o = e.getValue();
            Duration after = book.rule(e.getKey().rule()).map(r -> r.common().escalateAfter()).orElse(null);
            if (o.current().state() == AlertState.RAISED && after != null
                    && Duration.between(o.raisedReceived(), now).compareTo(after) >= 0) {
                Alert a = o.current().to(AlertState.ESCALATED, now);
                state.open.put(e.getKey(), new Open(a, o.raisedReceived()));
                out.add(a);
            }
        }
        return out;
    }

    /**
     * A person took the open alert {@code key} of {@code site}: a raised or escalated alert becomes
     * acknowledged (and is no longer escalated). An already acknowledged alert, a resolved one or an
     * unknown key gives an empty list; {@link #open} tells an unknown key from one acknowledged before.
     *
     * @param by who acknowledged it, as given on the ack topic, or null
     */
    public List<Alert> acknowledge(String site, String key, String by, Instant now) {
        Optional<TrackId> id = trackOf(site, key);
        Open o = id.map(state.open::get).orElse(null);
        if (o == null || o.current().state() == AlertState.ACKNOWLEDGED) {
            return List.of();
        }
        Alert c = o.current();
        Alert a = new Alert(c.key(), c.site(), c.node(), c.rule(), c.severity(), AlertState.ACKNOWLEDGED,
                c.since(), now, c.value(), c.message(), by);
        state.open.put(id.get(), new Open(a, o.raisedReceived()));
        return List.of(a);
    }

    /** The open alert {@code key} of {@code site} (its last transition), if there is one. */
    public Optional<Alert> open(String site, String key) {
        return trackOf(site, key).map(state.open::get).map(Open::current);
    }

    /** Every open alert, as its last transition: what the retained {@code alerts/active} topics hold. */
    public Collection<Alert> active() {
        return state.open.values().stream().map(Open::current).toList();
    }

    // ---- rule kinds ----------------------------------------------------------------------------

    private enum Verdict { BREACH, CLEAR, BAND }

    private void threshold(TrackId id, Rule.Threshold t, Observation o, List<Alert> out) {
        Double v = reading(o, t.metric(), t.sensor());
        if (v == null || v.equals(t.unknown())) {
            return;
        }
        if (t.of() != null) {
            Double of = o.numbers().get(t.of());
            if (of == null || !(of > 0)) {
                return;
            }
            double ratio = v / of;
            hold(id, t, t.holdFor(), t.clearFor(), o, verdict(t, ratio), v,
                    () -> withRatio(values(id, t.metric(), Wording.number(v), Wording.percent(t.limit()), t.holdFor()), ratio,
                            Wording.number(of)),
                    () -> "now " + Wording.percent(ratio) + " (" + Wording.number(v) + Wording.unit(t.metric()) + " of "
                            + Wording.number(of) + Wording.unit(t.metric()) + ")", out);
            return;
        }
        hold(id, t, t.holdFor(), t.clearFor(), o, verdict(t, v), v,
                () -> values(id, t.metric(), Wording.number(v), Wording.number(t.limit()), t.holdFor()),
                () -> "now " + Wording.number(v) + Wording.unit(t.metric()), out);
    }

    private static Verdict verdict(Rule.Threshold t, double v) {
        boolean above = t.direction() == Rule.Direction.ABOVE;
        return (above ? v > t.limit() : v < t.limit()) ? Verdict.BREACH
                : (above ? v < t.clearLevel() : v > t.clearLevel()) ? Verdict.CLEAR : Verdict.BAND;
    }

    private void rate(TrackId id, Rule.Rate r, Observation o, List<Alert> out) {
        Double v = reading(o, r.metric(), r.sensor());
        if (v == null) {
            return;
        }
        Track tr = track(id);
        Double prev = tr.prevValue;
        Instant prevTs = tr.prevTs;
        tr.prevValue = v;
        tr.prevTs = o.ts();
        if (prev == null) {
            return;
        }
        double perMin = (v - prev) / (Duration.between(prevTs, o.ts()).toMillis() / 60_000.0);
        Verdict verdict = Verdict.CLEAR;
        Double limit;
        if (r.risePerMin() != null && perMin > r.risePerMin()) {
            verdict = Verdict.BREACH;
            limit = r.risePerMin();
        } else if (r.fallPerMin() != null && -perMin > r.fallPerMin()) {
            verdict = Verdict.BREACH;
            limit = r.fallPerMin();
        } else {
            limit = null;
        }
        hold(id, r, r.holdFor(), r.clearFor(), o, verdict, perMin,
                () -> values(id, r.metric(), Wording.number(perMin), limit == null ? "" : Wording.number(limit), r.holdFor()),
                () -> "the rate is back within limits (" + Wording.number(perMin) + Wording.unit(r.metric()) + " per min)", out);
    }

    private void stuck(TrackId id, Rule.Stuck s, Observation o, List<Alert> out) {
        Double v = reading(o, s.metric(), s.sensor());
        if (v == null) {
            return;
        }
        Track tr = track(id);
        Instant t = o.ts();
        if (tr.runStart != null) {
            double min = Math.min(tr.runMin, v);
            double max = Math.max(tr.runMax, v);
            double slack = 1e-9 * Math.max(1, Math.max(Math.abs(min), Math.abs(max)));
            if (max - min <= s.tolerance() + slack) {
                tr.runMin = min;
                tr.runMax = max;
                if (!state.open.containsKey(id) && Duration.between(tr.runStart, t).compareTo(s.holdFor()) >= 0) {
                    raise(id, s, tr.runStart, t, o.received(), v, values(id, s.metric(), Wording.number(v),
                            Wording.number(s.tolerance()), s.holdFor()), out);
                }
                return;
            }
            if (state.open.containsKey(id)) {
                resolve(id, t, v, "the reading changed to " + Wording.number(v) + Wording.unit(s.metric()), out);
            }
        }
        tr.runStart = t;
        tr.runMin = v;
        tr.runMax = v;
    }

    private void missing(TrackId id, Rule.Missing m, State.Node n, Observation o, List<Alert> out) {
        Double v = reading(o, m.metric(), m.sensor());
        if (v == null && !n.seen.contains(m.metric())) {
            return;
        }
        hold(id, m, m.holdFor(), Duration.ZERO, o, v == null ? Verdict.BREACH : Verdict.CLEAR, v,
                () -> values(id, m.metric(), v == null ? "missing" : Wording.number(v), "", m.holdFor()), () -> "reported again", out);
    }

    private void label(TrackId id, Rule.Label l, Observation o, List<Alert> out) {
        String text = o.labels().get(l.label());
        if (text == null) {
            return;
        }
        Supplier<Map<String, String>> values = () -> {
            Map<String, String> v = values(id, l.label(), text, l.match().written(), l.holdFor());
            v.put("reason", Rule.Label.reason(text));
            return v;
        };
        hold(id, l, l.messageFor(text), l.holdFor(), l.clearFor(), o,
                l.match().matches(text) ? Verdict.BREACH : Verdict.CLEAR, null, values, () -> l.label() + " is now " + text, out);
    }

    private void baseline(TrackId id, Rule.Baseline b, Observation o, List<Alert> out) {
        Instant t = o.ts();
        if (!b.hours().contains(t)) {
            return;
        }
        int recentHours = (int) b.recent().toHours();
        Double v = o.numbers().get(b.metric());
        if (v != null && v > b.activeAbove()) {
            Track recording = track(id);
            if (recording.history == null) {
                recording.history = new HourlyHistory();
            }
            recording.history.add(t, v, 24 * b.days() + recentHours);
        }
        // a node that never reported the metric (a kiosk) gets no state at all
        Track tr = state.tracks.get(id);
        if (tr == null || tr.history == null) {
            return;
        }
        HourlyHistory.Mean recent = tr.history.recent(t, recentHours);
        if (recent.count() < b.minSamples()) {
            return;
        }
        double reference;
        if (tr.breached && tr.reference != null) {
            reference = tr.reference;
        } else {
            HourlyHistory.Mean usual = tr.history.sameHoursBefore(t, recentHours, b.days());
            Duration history = Duration.between(tr.history.since(), HourlyHistory.recentStart(t, recentHours));
            if (history.compareTo(b.minHistory()) < 0 || usual.count() < b.minSamples() || !(usual.value() > 0)) {
                return;
            }
            reference = usual.value();
        }
        double now = recent.value();
        double ratio = now / reference;
        Verdict verdict = ratio < b.below() ? Verdict.BREACH : ratio > b.clearAbove() ? Verdict.CLEAR : Verdict.BAND;
        hold(id, b, b.holdFor(), b.clearFor(), o, verdict, now,
                () -> withRatio(values(id, b.metric(), Wording.number(now), Wording.percent(b.below()), b.holdFor()), ratio,
                        Wording.number(reference)),
                () -> "back to " + Wording.number(now) + Wording.unit(b.metric()) + ", " + Wording.percent(ratio)
                        + " of its usual " + Wording.number(reference) + Wording.unit(b.metric()), out);
        tr.reference = tr.breached ? reference : null;
    }

    /** The metric's reading, or null when it is absent or (for a sensor's metric) the sensor is faulty. */
    private static Double reading(Observation o, String metric, boolean sensor) {
        if (sensor) {
            String health = o.labels().get("sensor");
            if (health != null && !health.equals("ok")) {
                return null;
            }
        }
        return o.numbers().get(metric);
    }

    /**
     * The two-state condition with for / clear_for shared by threshold, rate, missing, label and
     * baseline; {@code values} fill the message should it raise. Both texts are made only for a
     * transition: most readings change nothing, and wording numbers for every one was a sixth of the
     * gateway's ingest time.
     */
    private void hold(TrackId id, Rule rule, Duration holdFor, Duration clearFor, Observation o, Verdict verdict,
                      Double value, Supplier<Map<String, String>> values, Supplier<String> resolvedBecause, List<Alert> out) {
        hold(id, rule, rule.common().message(), holdFor, clearFor, o, verdict, value, values, resolvedBecause, out);
    }

    /** As above, raising with the message {@code template}. */
    private void hold(TrackId id, Rule rule, String template, Duration holdFor, Duration clearFor, Observation o,
                      Verdict verdict, Double value, Supplier<Map<String, String>> values, Supplier<String> resolvedBecause,
                      List<Alert> out) {
        Track tr = track(id);
        Instant t = o.ts();
        boolean isOpen = state.open.containsKey(id);
        if (verdict == Verdict.BREACH) {
            if (!tr.breached || tr.flippedAt == null) {
                tr.breached = true;
                tr.flippedAt = t;
            }
            if (!isOpen && Duration.between(tr.flippedAt, t).compareTo(holdFor) >= 0) {
                raise(id, rule, template, tr.flippedAt, t, o.received(), value, values.get(), out);
            }
        } else if (verdict == Verdict.CLEAR) {
            if (tr.breached || tr.flippedAt == null) {
                tr.breached = false;
                tr.flippedAt = t;
            }
            if (isOpen && Duration.between(tr.flippedAt, t).compareTo(clearFor) >= 0) {
                resolve(id, t, value, resolvedBecause.get(), out);
            }
        }
    }

    // ---- offline -------------------------------------------------------------------------------

    /** The node sent something at {@code received}: it is online, and its offline alerts resolve. */
    private void heard(String site, String node, State.Node n, Instant received, List<Alert> out) {
        if (n.lastReceived == null || received.isAfter(n.lastReceived)) {
            n.lastReceived = received;
        }
        if (n.offlineSince == null) {
            return;
        }
        n.offlineSince = null;
        n.offlineCause = null;
        for (Rule rule : book.rules()) {
            TrackId id = new TrackId(site, rule.name(), node);
            if (rule instanceof Rule.Offline && state.open.containsKey(id)) {
                resolve(id, received, null, "heard from again", out);
            }
        }
    }

    private void raiseOffline(String site, String node, State.Node n, Instant now, List<Alert> out) {
        for (Rule rule : book.rules()) {
            if (rule instanceof Rule.Offline off && rule.common().appliesTo(node)) {
                TrackId id = new TrackId(site, rule.name(), node);
                if (!state.open.containsKey(id) && Duration.between(n.offlineSince, now).compareTo(off.holdFor()) >= 0) {
                    String shown = n.offlineCause == Cause.DEATH ? "disconnected" : "silent";
                    raise(id, rule, n.offlineSince, now, now, null, values(id, "", shown, "", off.holdFor()), out);
                }
            }
        }
    }

    // ---- transitions ---------------------------------------------------------------------------

    /** The placeholders of a message; rules that judge a ratio add {percent} and {reference}. */
    private static Map<String, String> values(TrackId id, String metric, String value, String threshold, Duration holdFor) {
        Map<String, String> v = new HashMap<>();
        v.put("site", id.site());
        v.put("node", id.node());
        v.put("rule", id.rule());
        v.put("metric", metric);
        v.put("label", metric);
        v.put("value", value);
        v.put("threshold", threshold);
        v.put("for", Wording.duration(holdFor));
        return v;
    }

    private static Map<String, String> withRatio(Map<String, String> values, double ratio, String reference) {
        values.put("percent", Wording.percent(ratio));
        values.put("reference", reference);
        return values;
    }

    private void raise(TrackId id, Rule rule, Instant since, Instant at, Instant received, Double value,
                       Map<String, String> values, List<Alert> out) {
        raise(id, rule, rule.common().message(), since, at, received, value, values, out);
    }

    private void raise(TrackId id, Rule rule, String template, Instant since, Instant at, Instant received, Double value,
                       Map<String, String> values, List<Alert> out) {
        Alert a = new Alert(id.key(), id.site(), id.node(), id.rule(), rule.common().severity(), AlertState.RAISED,
                since, at, value, Wording.render(template, values), null);
        state.open.put(id, new Open(a, received));
        out.add(a);
    }

    private void resolve(TrackId id, Instant at, Double value, String because, List<Alert> out) {
        Alert c = state.open.remove(id).current();
        out.add(new Alert(c.key(), c.site(), c.node(), c.rule(), c.severity(), AlertState.RESOLVED, c.since(), at,
                value != null ? value : c.value(), "Resolved: " + c.message() + "; " + because, c.by()));
    }

    private State.Node node(String site, String node) {
        return state.nodes.computeIfAbsent(new NodeId(site, node), k -> new State.Node());
    }

    private Track track(TrackId id) {
        return state.tracks.computeIfAbsent(id, k -> new Track());
    }

    /** {@code <rule>.<node>} → its parts; rule names hold no '.'. */
    private static Optional<TrackId> trackOf(String site, String key) {
        int dot = key.indexOf('.');
        return dot <= 0 || dot == key.length() - 1 ? Optional.empty()
                : Optional.of(new TrackId(site, key.substring(0, dot), key.substring(dot + 1)));
    }
}
