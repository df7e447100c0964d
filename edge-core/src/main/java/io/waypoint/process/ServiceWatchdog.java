package io.waypoint.process;

import io.waypoint.time.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.tinylog.Logger;

/**
 * Tells systemd the process is alive, so that a unit with {@code WatchdogSec=} restarts a process that
 * hangs (a deadlock, a scheduler stuck behind a task that never returns, a JVM thrashing near its heap
 * limit), not only one that exits. On a well that matters: a hung node would leave the "do not drink"
 * light as it was.
 *
 * <p>Alive means the scheduler that does the app's work still runs its tasks: a heartbeat task on it
 * notes when it last ran, and a thread of the watchdog's own sends {@code WATCHDOG=1} only while that
 * heartbeat is recent. The sending is on its own thread because it waits for a child process, which a
 * task on the app's scheduler must not do.
 *
 * <p>Why a child process: {@code NOTIFY_SOCKET} is a Unix datagram socket and Java 17 has Unix domain
 * sockets for streams only. {@code systemd-notify} by default waits until systemd has taken the message
 * (a barrier); without it a notification from a process that has exited before systemd reads it cannot
 * be matched to the unit and is dropped. It is not the main process, so the unit needs
 * {@code NotifyAccess=all}. Cost: one short child process per ping (every third of the timeout).
 */
public final class ServiceWatchdog implements AutoCloseable {
    /** Sends one notification to systemd: the boundary to the service manager. */
    public interface Notifier {
        void send(String state) throws IOException;
    }

    private final Scheduler.Task heartbeat;
    private final Scheduler.Task ping;
    private final Scheduler own;

    private ServiceWatchdog(Scheduler.Task heartbeat, Scheduler.Task ping, Scheduler own) {
        this.heartbeat = heartbeat;
        this.ping = ping;
        this.own = own;
    }

    /**
     * Starts the watchdog if systemd asked for one: {@code NOTIFY_SOCKET} and {@code WATCHDOG_USEC} set,
     * and {@code WATCHDOG_PID}, when set, this process (a child of a watched process inherits the
     * variables but is not the one watched). Otherwise, or with a value systemd would not write, it does
     * nothing. Closing the result stops it.
     *
     * @param watched the scheduler whose tasks must keep running for the app to count as alive
     */
    public static AutoCloseable fromEnvironment(Map<String, String> env, long pid, Scheduler watched, String app) {
        String socket = env.get("NOTIFY_SOCKET");
        String usec = env.get("WATCHDOG_USEC");
        if (socket == null || socket.isEmpty() || usec == null) {
            return () -> { };
        }
        String watchedPid = env.get("WATCHDOG_PID");
        if (watchedPid != null && !watchedPid.equals(Long.toString(pid))) {
            return () -> { };
        }
        long micros;
        try {
            micros = Long.parseLong(usec);
        } catch (NumberFormatException e) {
            micros = -1;
        }
        if (micros < 3_000_000) {
            // systemd writes WatchdogSec= in µs; under 3 s a ping per second would not leave a margin
            Logger.warn("{}: WATCHDOG_USEC = '{}': expected at least 3000000 (WatchdogSec=3s); no watchdog pings are sent,"
                    + " so systemd will restart this process: set WatchdogSec= to 30s or more in the unit", app, usec);
            return () -> { };
        }
        Scheduler own = Scheduler.system("watchdog");
        Logger.info("{}: systemd watchdog every {} s", app, micros / 3_000_000);
        return start(Duration.ofNanos(micros * 1000), watched, own, new SystemdNotify(socket), app);
    }

    /**
     * Pings every third of {@code timeout} on {@code own}'s time while {@code watched} ran its heartbeat
     * within the last half of it; closing stops both and closes {@code own}.
     */
    static ServiceWatchdog start(Duration timeout, Scheduler watched, Scheduler own, Notifier notifier, String app) {
        Duration pingEvery = timeout.dividedBy(3);
        Duration staleAfter = timeout.dividedBy(2);
        AtomicReference<Instant> lastBeat = new AtomicReference<>(own.now());
        // in the watched scheduler's time, which the simulator runs faster than the wall clock
        Duration beatEvery = Duration.ofNanos((long) (timeout.dividedBy(6).toNanos() * watched.speed()));
        Scheduler.Task heartbeat = watched.every(Duration.ZERO, beatEvery, () -> lastBeat.set(own.now()));
        AtomicBoolean stalled = new AtomicBoolean();
        Scheduler.Task ping = own.every(Duration.ZERO, pingEvery, () -> {
            Duration since = Duration.between(lastBeat.get(), own.now());
            if (since.compareTo(staleAfter) > 0) {
                if (stalled.compareAndSet(false, true)) {
                    Logger.error("{}: its scheduler has run nothing for {} s: no longer telling systemd it is alive,"
                            + " so systemd restarts it within {} s", app, since.toSeconds(), timeout.minus(since).toSeconds());
                }
                return;
            }
            stalled.set(false);
            try {
                notifier.send("WATCHDOG=1");
            } catch (IOException e) {
                Logger.warn("{}: cannot tell systemd it is alive ({}); systemd will restart it if this goes on", app, e.getMessage());
            }
        });
        return new ServiceWatchdog(heartbeat, ping, own);
    }

    @Override
    public void close() {
        heartbeat.cancel();
        ping.cancel();
        own.close();
    }

    /** The real notifier: runs {@code systemd-notify STATE} with the socket systemd gave this process. */
    static final class SystemdNotify implements Notifier {
        private final String socket;

        SystemdNotify(String socket) {
            this.socket = socket;
        }

        @Override
        public void send(String state) throws IOException {
            ProcessBuilder pb = new ProcessBuilder("systemd-notify", state)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("NOTIFY_SOCKET", socket);
            Process p = pb.start();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("systemd-notify " + state + " did not finish in 10 s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while systemd-notify ran", e);
            }
            if (p.exitValue() != 0) {
                throw new IOException("systemd-notify " + state + " exited with " + p.exitValue());
            }
        }
    }
}
