package io.waypoint.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for systemd's notification socket: a datagram socket that takes each message as systemd
 * does (it closes the descriptor of systemd-notify's barrier, which is how the sender learns it was
 * taken) and appends the message as a line to a file. Needs python3 (Java 17 has no Unix datagram sockets).
 */
public final class StandInServiceManager implements AutoCloseable {
    private static final String SCRIPT = String.join("\n",
            "import array, os, socket, sys",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
            "s.bind(sys.argv[1])",
            "open(sys.argv[2] + '.ready', 'w').close()",
            "while True:",
            "    msg, anc, flags, addr = s.recvmsg(4096, socket.CMSG_SPACE(16 * 4))",
            "    for level, kind, data in anc:",
            "        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:",
            "            fds = array.array('i')",
            "            fds.frombytes(data[:len(data) - len(data) % 4])",
            "            for fd in fds:",
            "                os.close(fd)",
            "    with open(sys.argv[2], 'a') as out:",
            "        out.write(msg.decode() + '\\n')");

    private final Process process;

    private StandInServiceManager(Process process) {
        this.process = process;
    }

    /**
     * Binds {@code socket} and returns once it listens (at most 5 s).
     *
     * @param received each message taken, a line each
     * @param output   the stand-in's own output (a Python error, say)
     */
    public static StandInServiceManager start(Path socket, Path received, Path output) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", SCRIPT, socket.toString(), received.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Path ready = received.resolveSibling(received.getFileName() + ".ready");
        for (int i = 0; i < 100 && !Files.exists(ready); i++) {
            if (p.waitFor(50, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the stand-in for systemd exited with " + p.exitValue() + ": see " + output);
            }
        }
        return new StandInServiceManager(p);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
