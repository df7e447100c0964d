package io.waypoint.drivers.opennds;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.tinylog.Logger;

/**
 * The kiosk's Wi-Fi through the openNDS captive portal: lists the phones on it, lets one through
 * for a session with time and data limits, ends a session. Every call runs openNDS's own command,
 * {@code ndsctl} ({@code json}, {@code auth}, {@code deauth}), as a process, through the configured
 * prefix (sudo) and with a timeout; a call openNDS answers with "busy" is repeated a few times.
 *
 * <p><b>Privacy.</b> A MAC address, an IP address or an openNDS token identifies a person's phone.
 * The adapter holds them in memory only, to name a phone to ndsctl; it hands the caller an opaque
 * {@link ClientHandle} per phone (a random number, not derived from the address) and counts,
 * durations and kB, and never logs, stores or puts them in an exception message. Never enable
 * openNDS's stock BinAuth log alongside: it writes MACs, IPs and user agents to disk.
 *
 * <p>A handle lives as long as openNDS lists its phone: a phone missing from one client list is
 * forgotten, and comes back under a new handle. Time comes from the injected clock. Thread-safe:
 * calls take turns, so this process never makes openNDS busy for itself.
 */
public final class OpenNds {
    private final OpenNdsSettings settings;
    private final Clock clock;
    private final Pause pause;
    private final NdsctlCommand ndsctl;
    private final SecureRandom random = new SecureRandom();
    // the only place identifiers live: MAC to what the adapter knows of the phone, and back
    private final Map<String, Known> byMac = new HashMap<>();
    private final Map<ClientHandle, String> macByHandle = new HashMap<>();

    /** How the adapter waits before repeating a call openNDS found busy. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;

        /** Parks the calling thread for the duration. */
        Pause PARK = d -> {
            LockSupport.parkNanos(d.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting to ask openNDS again");
            }
        };
    }

    private static final class Known {
        final ClientHandle handle;
        final Instant firstSeen;
        String ip = "";
        String token = "";

        Known(ClientHandle handle, Instant firstSeen) {
            this.handle = handle;
            this.firstSeen = firstSeen;
        }
    }

    /** An adapter that runs ndsctl as {@code settings} say, taking its time from {@code clock}. */
    public OpenNds(OpenNdsSettings settings, Clock clock) {
        this(settings, clock, Pause.PARK);
    }

    OpenNds(OpenNdsSettings settings, Clock clock, Pause pause) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.ndsctl = new NdsctlCommand(settings);
    }

    /**
     * The phones openNDS lists now ({@code ndsctl json}). Phones listed before and missing now are
     * forgotten: their handles stop working.
     *
     * @throws OpenNdsException openNDS could not be asked or its answer could not be read
     */
    public synchronized ClientList clients() throws OpenNdsException, InterruptedException {
        NdsctlRun run = call("json", List.of("json"), NdsctlVerdict::ofJson, Set.of());
        List<NdsClient> listed;
        try {
            listed = ClientListJson.parse(run.output());
        } catch (JsonReader.Malformed e) {
            throw failure("json", OpenNdsProblem.UNREADABLE, run, Set.of(), e.getMessage());
        }
        return update(listed);
    }

    /**
     * Takes in what ndsctl listed: a handle for each phone seen for the first time, the others'
     * handles kept, and the phones missing from the list forgotten. Kept apart from running ndsctl
     * so that any list ndsctl could print can be checked against it without a process.
     */
    synchronized ClientList update(List<NdsClient> listed) {
        Instant now = clock.instant();
        Set<String> present = new HashSet<>();
        List<Client> clients = new ArrayList<>(listed.size());
        for (NdsClient c : listed) {
            if (!present.add(c.mac())) {
                continue;
            }
            Known known = byMac.computeIfAbsent(c.mac(), mac -> newHandle(mac, now));
            known.ip = c.ip();
            known.token = c.token();
            ClientState state = ClientState.of(c.state());
            clients.add(new Client(known.handle, state, connected(c, state, known, now), c.kbDown(), c.kbUp()));
        }
        byMac.entrySet().removeIf(e -> {
            boolean gone = !present.contains(e.getKey());
            if (gone) {
                macByHandle.remove(e.getValue().handle);
            }
            return gone;
        });
        Logger.debug("openNDS lists {} phones, {} authenticated", clients.size(),
                clients.stream().filter(c -> c.state() == ClientState.AUTHENTICATED).count());
        return new ClientList(now, clients);
    }

    /**
     * Lets the phone through the portal for a session ({@code ndsctl auth}).
     *
     * @throws OpenNdsException {@link OpenNdsProblem#CLIENT_GONE} if the handle's phone is no longer
     *                          listed, {@link OpenNdsProblem#REFUSED} if openNDS would not (the phone
     *                          is already through or blocked), or openNDS could not be asked
     */
    public synchronized void authenticate(ClientHandle handle, SessionLimits limits)
            throws OpenNdsException, InterruptedException {
        Objects.requireNonNull(limits, "limits");
        String mac = macOf(handle, "auth");
        call("auth", List.of("auth", mac, Long.toString(limits.minutes()), Long.toString(limits.upRateKbps()),
                Long.toString(limits.downRateKbps()), Long.toString(limits.upQuotaKb()),
                Long.toString(limits.downQuotaKb()), "waypoint"), NdsctlVerdict::ofAuth, identifiers(mac));
        Logger.debug("openNDS authenticated {} for {} min", handle, limits.minutes());
    }

    /**
     * Ends the phone's session ({@code ndsctl deauth}); openNDS holds it at the portal again.
     *
     * @throws OpenNdsException {@link OpenNdsProblem#CLIENT_GONE} if the phone is no longer listed
     *                          or has no session, or openNDS could not be asked
     */
    public synchronized void deauthenticate(ClientHandle handle) throws OpenNdsException, InterruptedException {
        String mac = macOf(handle, "deauth");
        call("deauth", List.of("deauth", mac), NdsctlVerdict::ofDeauth, identifiers(mac));
        Logger.debug("openNDS deauthenticated {}", handle);
    }

    /** The command line used, without arguments, e.g. {@code sudo -n /usr/bin/ndsctl}. */
    public String command() {
        return ndsctl.describe();
    }

    private interface Verdict {
        Optional<OpenNdsProblem> of(NdsctlRun run);
    }

    private NdsctlRun call(String name, List<String> args, Verdict verdict, Set<String> identifiers)
            throws OpenNdsException, InterruptedException {
        int attempts = settings.busyRetries() + 1;
        for (int attempt = 1; ; attempt++) {
            Instant start = clock.instant();
            NdsctlRun run;
            try {
                run = ndsctl.run(args);
            } catch (IOException e) {
                throw cannotStart(name, e, identifiers);
            }
            Optional<OpenNdsProblem> problem = verdict.of(run);
            Logger.debug("ndsctl {}: {} in {} ms{}", name, run.timedOut() ? "killed at the timeout" : "exit "
                    + run.exitCode(), Duration.between(start, clock.instant()).toMillis(),
                    problem.map(p -> " (" + p + ")").orElse(""));
            if (problem.isEmpty()) {
                return run;
            }
            if (problem.get() != OpenNdsProblem.BUSY || attempt >= attempts) {
                throw failure(name, problem.get(), run, identifiers, null);
            }
            pause.pause(settings.busyPause());
        }
    }

    private OpenNdsException failure(String name, OpenNdsProblem problem, NdsctlRun run, Set<String> identifiers,
                                     String detail) {
        StringBuilder m = new StringBuilder("openNDS: ").append(ndsctl.describe()).append(' ').append(name).append(' ')
                .append(problem.meaning());
        if (problem == OpenNdsProblem.TIMEOUT) {
            m.append(" (killed after ").append(settings.callTimeout().toMillis()).append(" ms)");
        } else if (problem == OpenNdsProblem.BUSY) {
            m.append(" (").append(settings.busyRetries() + 1).append(" attempts ").append(settings.busyPause().toMillis())
                    .append(" ms apart)");
        } else {
            m.append(" (exit ").append(run.exitCode()).append(')');
        }
        if (detail != null) {
            m.append(": ").append(detail);
        } else if (problem == OpenNdsProblem.FAILED || problem == OpenNdsProblem.NOT_RUNNING
                || problem == OpenNdsProblem.NOT_INSTALLED || problem == OpenNdsProblem.PERMISSION_DENIED) {
            // what ndsctl or sudo said is the technician's best clue; it may name the phone asked about
            firstLine(run.output()).ifPresent(line -> m.append(": it said \"")
                    .append(PhoneIdentifiers.redact(line, identifiers)).append('"'));
        }
        m.append(": ").append(problem.whatToDo());
        return new OpenNdsException(problem, m.toString());
    }

    private OpenNdsException cannotStart(String name, IOException e, Set<String> identifiers) {
        String why = String.valueOf(e.getMessage());
        OpenNdsProblem problem = why.contains("error=13") ? OpenNdsProblem.PERMISSION_DENIED
                : why.contains("error=2,") || why.contains("error=2 ") ? OpenNdsProblem.NOT_INSTALLED : OpenNdsProblem.FAILED;
        String what = switch (problem) {
            case NOT_INSTALLED -> " is not installed (no such file)";
            case PERMISSION_DENIED -> " is not executable by this user (chmod 755, or run it through sudo)";
            default -> " could not be started (" + PhoneIdentifiers.redact(why, identifiers) + ")";
        };
        String program = settings.commandPrefix().isEmpty() ? settings.ndsctl().toString()
                : settings.commandPrefix().get(0);
        return new OpenNdsException(problem, "openNDS: " + ndsctl.describe() + " " + name + ": " + program + what + ": "
                + problem.whatToDo());
    }

    private String macOf(ClientHandle handle, String name) throws OpenNdsException {
        Objects.requireNonNull(handle, "handle");
        String mac = macByHandle.get(handle);
        if (mac == null) {
            throw new OpenNdsException(OpenNdsProblem.CLIENT_GONE, "openNDS: " + name + " " + handle + ": the phone was "
                    + "not in the last client list (it left the Wi-Fi): " + OpenNdsProblem.CLIENT_GONE.whatToDo());
        }
        return mac;
    }

    private Set<String> identifiers(String mac) {
        Known known = byMac.get(mac);
        Set<String> ids = new HashSet<>();
        ids.add(mac);
        if (known != null) {
            ids.add(known.ip);
            ids.add(known.token);
        }
        return ids;
    }

    private Known newHandle(String mac, Instant now) {
        ClientHandle handle;
        do {
            handle = new ClientHandle(random.nextLong());
        } while (macByHandle.containsKey(handle));
        macByHandle.put(handle, mac);
        return new Known(handle, now);
    }

    private static Duration connected(NdsClient c, ClientState state, Known known, Instant now) {
        if (state == ClientState.AUTHENTICATED && c.sessionStart() > 0) {
            // openNDS's clock, not ours: a start after our now (even after any date an Instant holds)
            // is a session that has just begun
            if (c.sessionStart() >= now.getEpochSecond()) {
                return Duration.ZERO;
            }
            return Duration.between(Instant.ofEpochSecond(c.sessionStart()), now);
        }
        if (state == ClientState.AUTHENTICATED && c.duration().isPresent()) {
            return Duration.ofSeconds(c.duration().getAsLong());
        }
        return nonNegative(Duration.between(known.firstSeen, now));
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Optional<String> firstLine(String output) {
        for (String line : output.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                return Optional.of(trimmed.length() > 160 ? trimmed.substring(0, 160) + "..." : trimmed);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "openNDS through " + ndsctl.describe();
    }
}
