package io.waypoint.sim.wifi;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.tinylog.Logger;

/**
 * A Wi-Fi access point with openNDS's captive portal, simulated: phones join with randomised MAC
 * addresses and are held at the portal (Preauthenticated) until {@code ndsctl auth} lets them
 * through; then they move data at the rates of their {@link TrafficScript} until their session ends
 * as openNDS ends it: {@code ndsctl deauth}, the session's minutes run out, or a download or upload
 * quota is reached (each sends the phone back to the portal with a new token and fresh counters).
 * Time is the simulated world's; traffic is integrated up to "now" whenever ndsctl asks.
 *
 * <p>The code under test talks to it only through a fake {@code ndsctl} executable that the access
 * point writes into its directory ({@link #ndsctl()}): a shell script that speaks to the access
 * point over a Unix socket, as the real ndsctl speaks to the openNDS daemon, and prints what the
 * real one prints, with its exit codes. On demand the portal answers "busy" ({@link #busyFor}),
 * stops ({@link #stopDaemon()}: "not started", exit 3) or stops answering ({@link #hang()}).
 *
 * <p>Needs socat (as the simulated serial devices do). Nothing here logs a phone's MAC or IP
 * address: the simulator runs inside nodes whose logs are checked for them. Thread-safe.
 */
public final class SimulatedAccessPoint implements AutoCloseable {
    static final String PREAUTHENTICATED = "Preauthenticated";
    static final String AUTHENTICATED = "Authenticated";
    static final String AUTH_BLOCKED = "AuthBlocked";
    /** openNDS's default session length, used when auth gives 0 minutes. */
    static final long DEFAULT_SESSION_MINUTES = 1440;
    private static final int MAX_REQUEST = 4096;
    private static final int UNIX_PATH_MAX = 107;
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final TrafficScript.Rates NO_TRAFFIC = new TrafficScript.Rates(0, 0);

    private final Path dir;
    private final Path script;
    private final Path socket;
    private final Supplier<Instant> worldTime;
    private final Random random;
    private final Map<String, SimulatedPhone> phones = new LinkedHashMap<>();
    private final Set<String> addresses = new HashSet<>();
    private final List<SocketChannel> held = new ArrayList<>();
    private int busyCalls;
    private boolean hanging;
    private long calls;
    private ServerSocketChannel server;
    private boolean closed;
    private Predicate<Instant> uplink = t -> true;

    private SimulatedAccessPoint(Path dir, Supplier<Instant> worldTime, long seed) {
        this.dir = dir;
        this.script = dir.resolve("ndsctl");
        this.socket = dir.resolve("ndsctl.sock");
        this.worldTime = worldTime;
        this.random = new Random(seed);
    }

    /**
     * Starts an access point whose ndsctl and socket live in {@code dir} (created if missing).
     *
     * @param worldTime simulated time, for sessions, traffic and openNDS's epoch timestamps
     * @param seed      for the phones' MAC and IP addresses and tokens: one seed, one set of phones
     * @throws IOException socat is missing, or the directory cannot hold the script or the socket
     */
    public static SimulatedAccessPoint start(Path dir, Supplier<Instant> worldTime, long seed) throws IOException {
        Objects.requireNonNull(worldTime, "worldTime");
        Path socat = findSocat();
        Files.createDirectories(dir);
        SimulatedAccessPoint ap = new SimulatedAccessPoint(dir.toAbsolutePath(), worldTime, seed);
        if (ap.socket.toString().length() > UNIX_PATH_MAX) {
            throw new IOException("simulated access point: the socket path " + ap.socket + " is longer than a Unix "
                    + "socket allows (" + UNIX_PATH_MAX + "): use a shorter directory");
        }
        ap.writeScript(socat);
        ap.startDaemon();
        return ap;
    }

    /** The fake ndsctl executable: give it to the code under test as its ndsctl path. */
    public Path ndsctl() {
        return script;
    }

    /** A phone joins the Wi-Fi with a fresh random MAC and IP address; it waits at the portal. */
    public synchronized SimulatedPhone join(TrafficScript traffic) {
        String mac;
        do {
            mac = randomMac();
        } while (phones.containsKey(mac));
        return join(mac, traffic);
    }

    /**
     * A phone joins the Wi-Fi with {@code mac} (lower case, colon-separated, as a simulated world
     * chose it) and a fresh IP address; it waits at the portal.
     *
     * @throws IllegalArgumentException if {@code mac} is not such a MAC, or a phone with it is on the
     *                                  Wi-Fi already (the message never quotes it)
     */
    public synchronized SimulatedPhone join(String mac, TrafficScript traffic) {
        Objects.requireNonNull(traffic, "traffic");
        if (!MAC.matcher(mac).matches()) {
            throw new IllegalArgumentException("a phone's MAC is six lower-case hex pairs joined by ':'");
        }
        if (phones.containsKey(mac)) {
            throw new IllegalArgumentException("a phone with that MAC is on the Wi-Fi already");
        }
        SimulatedPhone phone = new SimulatedPhone(this, mac, freeAddress(), token(), traffic, worldTime.get());
        phones.put(mac, phone);
        return phone;
    }

    /**
     * The site's internet link: phones move data only while {@code up} holds at the instant (simulated
     * time), whatever their traffic scripts say; up all the time until this is called. What was moved
     * before stays counted.
     */
    public synchronized void uplink(Predicate<Instant> up) {
        Objects.requireNonNull(up, "up");
        update();
        uplink = up;
    }

    /** The phone leaves the Wi-Fi; openNDS forgets it. */
    public synchronized void leave(SimulatedPhone phone) {
        update();
        if (phones.remove(phone.mac()) != null) {
            addresses.remove(phone.ip());
            phone.present = false;
        }
    }

    /** openNDS blocks the phone: listed as {@code AuthBlocked}, no internet. */
    public synchronized void block(SimulatedPhone phone) {
        update();
        phone.state = AUTH_BLOCKED;
    }

    /** Brings traffic, quotas and session ends up to the world's time now. ndsctl calls do it themselves. */
    public synchronized void update() {
        Instant now = worldTime.get();
        for (SimulatedPhone p : phones.values()) {
            advance(p, now);
        }
    }

    /** The phones on the Wi-Fi now, in the order they joined. */
    public synchronized List<SimulatedPhone> phones() {
        update();
        return List.copyOf(phones.values());
    }

    /** The next {@code calls} ndsctl calls are answered "busy" (exit 4). */
    public synchronized void busyFor(int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be 0 or more, was " + calls);
        }
        busyCalls = calls;
    }

    /** Every ndsctl call is answered "busy" until {@link #busyFor busyFor(0)}. */
    public synchronized void busyUntilCleared() {
        busyCalls = Integer.MAX_VALUE;
    }

    /** ndsctl calls get no answer (they hang until killed) until {@link #clearHang()}. */
    public synchronized void hang() {
        hanging = true;
    }

    /** Calls are answered again; those left hanging get an empty answer now. */
    public synchronized void clearHang() {
        hanging = false;
        releaseHeld();
    }

    /** ndsctl calls that reached the access point since it started, busy ones included. */
    public synchronized long calls() {
        return calls;
    }

    /** The openNDS daemon stops: ndsctl says it is probably not started (exit 3). */
    public synchronized void stopDaemon() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                Logger.debug("simulated access point: closing its socket: {}", e.toString());
            }
            server = null;
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            Logger.debug("simulated access point: removing its socket: {}", e.toString());
        }
    }

    /** The openNDS daemon (re)starts and answers ndsctl again. */
    public synchronized void startDaemon() throws IOException {
        if (closed) {
            throw new IllegalStateException("simulated access point is closed");
        }
        if (server != null) {
            return;
        }
        Files.deleteIfExists(socket);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            s.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            s.close();
            throw new IOException("simulated access point: cannot listen on " + socket + ": " + e.getMessage(), e);
        }
        server = s;
        Thread acceptor = new Thread(() -> serve(s), "sim-opennds");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Whether the daemon answers. */
    public synchronized boolean daemonRunning() {
        return server != null;
    }

    /** Stops the daemon and removes the fake ndsctl. Harmless if repeated. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopDaemon();
            releaseHeld();
        }
        try {
            Files.deleteIfExists(script);
        } catch (IOException e) {
            Logger.debug("simulated access point: removing its ndsctl: {}", e.toString());
        }
    }

    private void serve(ServerSocketChannel s) {
        while (true) {
            SocketChannel channel;
            try {
                channel = s.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (s.isOpen()) {
                    Logger.warn("simulated access point: accepting an ndsctl call failed: {}", e.toString());
                }
                return;
            }
            handle(channel);
        }
    }

    private void handle(SocketChannel channel) {
        String reply;
        try {
            String request = readRequest(channel);
            synchronized (this) {
                calls++;
                if (hanging) {
                    held.add(channel);
                    return;
                }
                if (busyCalls > 0) {
                    if (busyCalls != Integer.MAX_VALUE) {
                        busyCalls--;
                    }
                    reply = NdsctlScript.BUSY_REPLY;
                } else {
                    reply = answer(request);
                }
            }
            ByteBuffer out = ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException e) {
            // ndsctl was killed mid-call: nothing to answer
        }
        closeQuietly(channel);
    }

    private static String readRequest(SocketChannel channel) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(MAX_REQUEST);
        while (in.hasRemaining() && channel.read(in) >= 0) {
            for (int i = 0; i < in.position(); i++) {
                byte b = in.get(i);
                if (b == '\r' || b == '\n') {
                    return new String(in.array(), 0, i, StandardCharsets.UTF_8);
                }
            }
        }
        return new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
    }

    /** What openNDS answers to a request line {@code <command> <arguments joined by commas>}. */
    private String answer(String request) {
        update();
        int space = request.indexOf(' ');
        String command = space < 0 ? request : request.substring(0, space);
        String[] args = space < 0 ? new String[0] : request.substring(space + 1).split(",", -1);
        String id = args.length > 0 ? args[0].trim() : "";
        long now = worldTime.get().getEpochSecond();
        return switch (command) {
            case "json" -> id.isEmpty() ? ClientListPrinter.all(phones.values(), now)
                    : ClientListPrinter.one(find(id), now);
            case "status" -> status();
            case "auth" -> authenticate(find(id), args) ? "Yes" : "No";
            case "deauth" -> deauthenticate(find(id)) ? "Yes" : "No";
            default -> "";
        };
    }

    private boolean authenticate(SimulatedPhone p, String[] args) {
        if (p == null || !p.state.equals(PREAUTHENTICATED)) {
            return false;
        }
        long minutes = number(args, 1);
        Instant now = worldTime.get();
        p.state = AUTHENTICATED;
        p.authenticatedAt = now;
        p.sessionStart = now.getEpochSecond();
        p.sessionEnd = p.sessionStart + 60 * (minutes > 0 ? minutes : DEFAULT_SESSION_MINUTES);
        p.upRate = number(args, 2);
        p.downRate = number(args, 3);
        p.upQuotaKb = number(args, 4);
        p.downQuotaKb = number(args, 5);
        p.bytesDown = 0;
        p.bytesUp = 0;
        p.lastUpdate = now;
        p.sessions++;
        return true;
    }

    private boolean deauthenticate(SimulatedPhone p) {
        // openNDS answers "No" (printed as "not found") unless the phone was authenticated
        if (p == null || !p.state.equals(AUTHENTICATED)) {
            return false;
        }
        endSession(p, "deauth");
        return true;
    }

    private void advance(SimulatedPhone p, Instant now) {
        if (!p.state.equals(AUTHENTICATED) || !now.isAfter(p.lastUpdate)) {
            if (now.isAfter(p.lastUpdate)) {
                p.lastUpdate = now;
            }
            return;
        }
        Instant end = Instant.ofEpochSecond(p.sessionEnd);
        Instant until = now.isBefore(end) ? now : end;
        Duration span = Duration.between(p.lastUpdate, until);
        Duration step = span.compareTo(Duration.ofHours(1)) > 0 ? span.dividedBy(3600) : Duration.ofSeconds(1);
        Instant cursor = p.lastUpdate;
        while (cursor.isBefore(until)) {
            Duration dt = Duration.between(cursor, until).compareTo(step) < 0 ? Duration.between(cursor, until) : step;
            TrafficScript.Rates r = uplink.test(cursor) ? p.traffic.at(Duration.between(p.authenticatedAt, cursor))
                    : NO_TRAFFIC;
            double seconds = dt.toNanos() / 1e9;
            p.bytesDown += r.downKbPerSecond() * 1024 * seconds;
            p.bytesUp += r.upKbPerSecond() * 1024 * seconds;
            cursor = cursor.plus(dt);
            if (r.downKbPerSecond() > 0 || r.upKbPerSecond() > 0) {
                p.lastActive = cursor;
            }
            if (p.downQuotaKb > 0 && p.bytesDown / 1024 >= p.downQuotaKb) {
                endSession(p, "downquota");
                p.lastUpdate = now;
                return;
            }
            if (p.upQuotaKb > 0 && p.bytesUp / 1024 >= p.upQuotaKb) {
                endSession(p, "upquota");
                p.lastUpdate = now;
                return;
            }
        }
        if (!now.isBefore(end)) {
            endSession(p, "timeout");
        }
        p.lastUpdate = now;
    }

    /** As openNDS does on deauthentication: back to the portal with a new token and no session. */
    private void endSession(SimulatedPhone p, String reason) {
        p.state = PREAUTHENTICATED;
        p.lastEnd = reason;
        p.sessionStart = 0;
        p.sessionEnd = 0;
        p.authenticatedAt = null;
        p.upRate = 0;
        p.downRate = 0;
        p.upQuotaKb = 0;
        p.downQuotaKb = 0;
        p.bytesDown = 0;
        p.bytesUp = 0;
        p.token = token();
    }

    private SimulatedPhone find(String id) {
        if (id.isEmpty()) {
            return null;
        }
        for (SimulatedPhone p : phones.values()) {
            if (p.mac().equalsIgnoreCase(id) || p.ip().equals(id) || p.token.equals(id)) {
                return p;
            }
        }
        return null;
    }

    private String status() {
        long authenticated = phones.values().stream().filter(p -> p.state.equals(AUTHENTICATED)).count();
        return "==================\nopenNDS Status\n====\nVersion: " + ClientListPrinter.VERSION + "\n"
                + "Gateway Name: waypoint kiosk\nBinauth: Disabled\n====\nCurrent clients: " + phones.size() + "\n"
                + "Authenticated clients: " + authenticated + "\n========\n";
    }

    private static long number(String[] args, int index) {
        if (index >= args.length) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(args[index].trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String randomMac() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        // locally administered, unicast: how phones randomise their MAC per network
        b[0] = (byte) ((b[0] & 0xFC) | 0x02);
        StringBuilder mac = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            mac.append(i == 0 ? "" : ":").append(String.format(Locale.ROOT, "%02x", b[i] & 0xFF));
        }
        return mac.toString();
    }

    private String freeAddress() {
        String ip;
        do {
            ip = "192.168." + (50 + random.nextInt(4)) + "." + (2 + random.nextInt(252));
        } while (addresses.contains(ip));
        addresses.add(ip);
        return ip;
    }

    private String token() {
        return String.format(Locale.ROOT, "%08x", random.nextInt());
    }

    private void releaseHeld() {
        for (SocketChannel c : held) {
            closeQuietly(c);
        }
        held.clear();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private void writeScript(Path socat) throws IOException {
        Path temp = Files.createTempFile(dir, ".ndsctl", ".tmp");
        Files.writeString(temp, NdsctlScript.text(socat, socket));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            Files.move(temp, script, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, script, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path findSocat() throws IOException {
        String pathVar = System.getenv("PATH");
        List<Path> candidates = new ArrayList<>();
        if (pathVar != null) {
            for (String d : pathVar.split(File.pathSeparator)) {
                if (!d.isEmpty()) {
                    candidates.add(Path.of(d, "socat"));
                }
            }
        }
        candidates.add(Path.of("/usr/bin/socat"));
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IOException("socat not found on PATH or in /usr/bin: the simulated access point's ndsctl needs it "
                + "to reach the simulator; scripts/test installs it (or: sudo apt-get install socat)");
    }

    @Override
    public String toString() {
        return "simulated access point (" + dir + ")";
    }
}
