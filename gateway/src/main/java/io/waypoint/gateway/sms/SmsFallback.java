package io.waypoint.gateway.sms;

import io.waypoint.gateway.ingest.GatewayIngest;
import io.waypoint.time.Scheduler;
import io.waypoint.uplink.Outgoing;
import io.waypoint.uplink.Uplink;
import io.waypoint.wire.Alert;
import io.waypoint.wire.CommandTopic;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.SmsCommand;
import io.waypoint.wire.Validation;
import io.waypoint.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.tinylog.Logger;

/**
 * Critical alerts by SMS while the site's uplink to head office is down: the gateway reads the site
 * broker's bridge state ({@link SmsSettings#uplinkState()}, retained {@code 1}/{@code 0}), asks
 * {@link SmsPolicy} about every alert transition, and sends what it allows to the site's kiosk as
 * {@code wp/v1/{site}/{kiosk}/cmd/sms} ({@link SmsCommand}: the list's name, never a number; the
 * kiosk holds the numbers and sends through its modem). Summaries of what the hourly limit left out
 * go when the hour allows, checked every {@value #TICK_SECONDS} s. The kiosk's answers on
 * {@code .../cmd/sms/result} are logged.
 *
 * <p>Each alert transition is asked about once, as the engine makes it (on the ingest thread; with a
 * group, only on the lead's). The rate limit is in memory: a restarted gateway starts a new hour.
 * Thread-safe: the uplink's reader, the ingest thread and the scheduler call it.
 */
public final class SmsFallback implements GatewayIngest.Listener, AutoCloseable {
    static final int TICK_SECONDS = 30;

    private final SmsSettings settings;
    private final Uplink uplink;
    private final Scheduler scheduler;
    private final SmsPolicy policy;
    private final Map<String, NodeRef> kioskOf = new HashMap<>();
    private Scheduler.Task ticks;

    public SmsFallback(SmsSettings settings, Uplink uplink, Scheduler scheduler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.uplink = uplink;
        this.scheduler = scheduler;
        for (NodeRef k : settings.kiosks()) {
            kioskOf.put(k.site(), k);
        }
        this.policy = new SmsPolicy(kioskOf.keySet(), settings.perHour());
    }

    /** Subscribes to the uplink state and the kiosks' answers; starts the summary ticks. */
    public SmsFallback start() {
        uplink.subscribe(settings.uplinkState(), (topic, payload, retained) -> uplinkState(payload));
        for (NodeRef k : kioskOf.values()) {
            String result = new CommandTopic(k, SmsCommand.NAME, true).name();
            uplink.subscribe(result, (topic, payload, retained) -> Logger.info("kiosk {}/{} answered SMS: {}", k.site(), k.node(),
                    new String(payload, StandardCharsets.UTF_8)));
        }
        Duration every = Duration.ofSeconds(TICK_SECONDS);
        ticks = scheduler.every(every, every, this::tick);
        Logger.info("critical alerts by SMS while {} says the uplink is down: through {} to list {}, at most {} an hour",
                settings.uplinkState(), kioskOf.values().stream().map(k -> k.site() + "/" + k.node()).collect(Collectors.joining(", ")),
                settings.to(), settings.perHour());
        return this;
    }

    private synchronized void uplinkState(byte[] payload) {
        String s = new String(payload, StandardCharsets.US_ASCII).strip();
        if (s.equals("1") || s.equals("0")) {
            boolean wasDown = policy.uplinkDown();
            policy.uplink(s.equals("1"));
            if (wasDown != policy.uplinkDown()) {
                Logger.info("uplink to head office {} ({}): critical alerts {}", policy.uplinkDown() ? "down" : "up",
                        settings.uplinkState(), policy.uplinkDown() ? "go by SMS too" : "go over MQTT only");
            }
        } else {
            Logger.warn("{} = '{}': expected 1 (bridge up) or 0 (down); taken as down. Check sms.uplink_state names the bridge's "
                    + "notification topic", settings.uplinkState(), s.length() > 16 ? s.substring(0, 16) + "..." : s);
            policy.uplink(false);
        }
    }

    @Override
    public void stored(Validation.Valid message) {
        // SMS are about alerts only
    }

    @Override
    public boolean wantsStored() {
        return false;
    }

    @Override
    public synchronized void alert(Alert transition) {
        int leftBefore = policy.leftOut(transition.site());
        policy.alert(transition, scheduler.now()).ifPresentOrElse(this::send, () -> {
            if (policy.leftOut(transition.site()) > leftBefore) {
                Logger.info("alert {} {} not sent by SMS: {} a site an hour already; a summary follows", transition.key(),
                        transition.state().wire(), settings.perHour());
            }
        });
    }

    private synchronized void tick() {
        policy.tick(scheduler.now()).forEach(this::send);
    }

    private void send(SmsPolicy.Send s) {
        NodeRef kiosk = kioskOf.get(s.site());
        String topic = new CommandTopic(kiosk, SmsCommand.NAME, false).name();
        byte[] payload = WireCodec.encode(new SmsCommand(s.id(), settings.to(), s.text())).getBytes(StandardCharsets.UTF_8);
        boolean handed = uplink.publish(Outgoing.of(topic, payload), ok -> {
            if (!ok) {
                Logger.error("SMS {} to kiosk {}: the broker did not take the command; staff of list {} will not get it", s.id(),
                        kiosk.node(), settings.to());
            }
        });
        if (handed) {
            Logger.info("uplink to head office down: SMS {} asked of kiosk {}/{} for list {}", s.id(), kiosk.site(), kiosk.node(),
                    settings.to());
        } else {
            Logger.error("SMS {} not asked of kiosk {}/{}: this gateway is not connected to the site's broker", s.id(), kiosk.site(),
                    kiosk.node());
        }
    }

    @Override
    public void close() {
        if (ticks != null) {
            ticks.cancel();
        }
    }
}
