package io.waypoint.console;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The technician's terminal program on the far end of a serial line, with plain file I/O. */
final class Terminal implements AutoCloseable {
    private final OutputStream keyboard;
    private final InputStream line;
    private final StringBuffer screen = new StringBuffer();

    Terminal(String path) throws IOException {
        this.keyboard = new FileOutputStream(path);
        this.line = new FileInputStream(path);
        Thread reader = new Thread(this::read, "terminal " + path);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = line.read(buffer)) >= 0) {
                // the console only writes UTF-8, and tests send it ASCII: no character is split in a way that matters
                screen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            // the line went away
        }
    }

    void type(String keys) throws IOException {
        send(keys.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte... bytes) throws IOException {
        keyboard.write(bytes);
        keyboard.flush();
    }

    /** Everything received so far, bytes as Latin-1 characters. */
    String screen() {
        return screen.toString();
    }

    void clear() {
        screen.setLength(0);
    }

    @Override
    public void close() throws IOException {
        keyboard.close();
        line.close();
    }
}
