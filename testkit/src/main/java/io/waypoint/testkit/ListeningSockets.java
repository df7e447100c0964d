package io.waypoint.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The network sockets a process offers to others, read from Linux's {@code /proc}: TCP sockets in
 * LISTEN and bound UDP sockets, over IPv4 and IPv6. How a test proves that a node offers nothing (a
 * console, a debug port) on the network, or only on localhost.
 */
public final class ListeningSockets {
    private ListeningSockets() {}

    /** One socket: {@code tcp 0.0.0.0:8080}, {@code tcp6 /0:0:0:0:0:0:0:1:2000}. */
    public record Listening(String protocol, InetAddress address, int port) {
        /** Reachable from this machine only. */
        public boolean loopbackOnly() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            return protocol + " " + address.getHostAddress() + " port " + port;
        }
    }

    /** Every listening TCP and bound UDP socket process {@code pid} holds open. */
    public static List<Listening> of(long pid) {
        Set<String> inodes = socketInodes(pid);
        List<Listening> out = new ArrayList<>();
        for (String proto : List.of("tcp", "tcp6", "udp", "udp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("/proc/net", proto));
            } catch (IOException e) {
                continue; // no IPv6 on this machine
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                boolean offered = proto.startsWith("udp") || f[3].equals("0A"); // 0A: TCP_LISTEN
                if (offered && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    out.add(new Listening(proto, address(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        }
        return out;
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/fd (is the process alive, and ours?): " + e.getMessage(), e);
        }
        return inodes;
    }

    /** /proc/net's hex address: 4 or 16 bytes, each 32-bit word in the machine's (little-endian) order. */
    private static InetAddress address(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int word = 0; word < b.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + i) * 2;
                b[word * 4 + 3 - i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unexpected address in /proc/net: " + hex, e);
        }
    }
}
