package io.waypoint.uplink;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sockets with {@code TCP_NODELAY}, for Paho, which never sets it. MQTT sends many small packets
 * (PUBACKs, acks, alerts) each in its own write; with Nagle's algorithm a small write waits for the
 * peer's ACK of the previous one, which a peer with nothing to send delays by up to 40 ms (Linux's
 * delayed ACK). Measured: an alert took at least 44 ms from the decisive reading to staff, every
 * time, most of it this wait. Paho takes the plain or the TLS factory by type, so there is one of each.
 */
final class NoDelaySockets {
    private NoDelaySockets() {
    }

    /** For {@code tcp://}. */
    static SocketFactory plain() {
        return new Plain(SocketFactory.getDefault());
    }

    /** For {@code ssl://}: {@code tls} makes the sockets, this sets the option on each. */
    static SSLSocketFactory over(SSLSocketFactory tls) {
        return new Tls(tls);
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    private static final class Plain extends SocketFactory {
        private final SocketFactory sockets;

        Plain(SocketFactory sockets) {
            this.sockets = sockets;
        }

        /** The one Paho calls (then connects it): reads through a buffer, see {@link BufferedReads}. */
        @Override
        public Socket createSocket() throws IOException {
            return noDelay(new BufferedReads());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(sockets.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(sockets.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(sockets.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(sockets.createSocket(address, port, localAddress, localPort));
        }
    }

    /**
     * A plain socket whose input is buffered. Paho reads a packet's header and length a byte at a
     * time straight from the socket, one system call each: three or four a message under load. TLS
     * sockets buffer their records already.
     */
    private static final class BufferedReads extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), 16_384);
            }
            return in;
        }
    }

    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory tls;

        Tls(SSLSocketFactory tls) {
            this.tls = tls;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return tls.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return tls.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(tls.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return noDelay(tls.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(tls.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(tls.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(tls.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(tls.createSocket(address, port, localAddress, localPort));
        }
    }
}
