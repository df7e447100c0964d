package io.waypoint.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM running a main class from the test's own class path: how tests SIGKILL a node, a
 * gateway or an outbox writer mid-stream and restart it.
 */
public final class JavaProcess {
    private JavaProcess() {}

    /** Starts {@code mainClass} with {@code args}; stdout and stderr go to {@code output}. */
    public static Process start(Class<?> mainClass, Path output, List<String> jvmArgs, String... args) {
        try {
            return new ProcessBuilder(command(mainClass, jvmArgs, args))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code mainClass} through {@code wrapper}, a command that ends by running the rest of its
     * arguments in its own place: {@code bash -c 'ulimit -f 16; exec "$@"' limited} to cap the size
     * of every file the child writes (a full disk without root), or {@code setpriv ...} to drop
     * privileges. The child's output reaches {@code output} through a pipe, copied by this JVM, so a
     * limit on the child's file sizes does not cut its log short.
     */
    public static Process startWrapped(List<String> wrapper, Class<?> mainClass, Path output, List<String> jvmArgs,
                                       String... args) {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(command(mainClass, jvmArgs, args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Thread copier = new Thread(() -> {
                try (InputStream in = p.getInputStream();
                     OutputStream out = Files.newOutputStream(output, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    byte[] buf = new byte[8192];
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // the child is gone, or the test's temporary directory with it
                }
            }, "output-of-" + mainClass.getSimpleName());
            copier.setDaemon(true);
            copier.start();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> command(Class<?> mainClass, List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
