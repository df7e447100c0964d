package io.waypoint.system;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.cliftonlabs.json_simple.JsonArray;
import com.github.cliftonlabs.json_simple.JsonException;
import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's {@code chromium}, headless, for tests of the gateway's status page: one-shot
 * {@code --dump-dom} and {@code --screenshot} runs, and a {@link Session} driven over the DevTools
 * protocol (a WebSocket, the JDK's own client) to type into a form and submit it as a person would.
 * Every process it starts is ended, with its children, before a call returns or the session closes.
 */
final class HeadlessChromium {
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--no-first-run", "--disable-extensions", "--disable-background-networking", "--window-size=390,844");
    private final Path binary;
    private final Path work;

    private HeadlessChromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** The installed chromium; the test is skipped, saying so, when there is none. */
    static HeadlessChromium find(Path work) {
        Path found = null;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (found == null && Files.isExecutable(p)) {
                    found = p;
                }
            }
        }
        assumeTrue(found != null, "chromium is not installed: scripts/test installs it with apt-get (Debian package chromium); "
                + "the status page's browser test needs it");
        return new HeadlessChromium(found, work);
    }

    /** The DOM after the page loaded, as chromium serialises it. */
    String dumpDom(String url) throws IOException, InterruptedException {
        Path out = work.resolve("dom-" + System.nanoTime() + ".html");
        run(List.of("--dump-dom", url), out);
        return Files.readString(out);
    }

    /** A PNG of the page at 390 x 844 (a phone), written to {@code png}. */
    void screenshot(String url, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--screenshot=" + png.toAbsolutePath(), url), work.resolve("screenshot-" + System.nanoTime() + ".out"));
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("chromium wrote no screenshot to " + png);
        }
    }

    private void run(List<String> args, Path stdout) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString()));
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + Files.createTempDirectory(work, "profile"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                .redirectError(work.resolve("chromium.err").toFile()).start();
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                throw new IllegalStateException("chromium did not finish in 90 s: " + cmd);
            }
        } finally {
            end(p);
        }
    }

    private static void end(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** A browser with one page open at {@code url}, driven over the DevTools protocol. */
    Session open(String url) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString()));
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + Files.createTempDirectory(work, "profile"));
        cmd.add("--remote-debugging-port=0");
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String endpoint = null;
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line; endpoint == null && (line = lines.readLine()) != null; ) {
                int at = line.indexOf("DevTools listening on ws://");
                if (at >= 0) {
                    endpoint = line.substring(at + "DevTools listening on ws://".length()).split("/")[0];
                }
            }
            if (endpoint == null) {
                throw new IllegalStateException("chromium did not say where its DevTools listen");
            }
            Thread drain = new Thread(() -> {
                try {
                    lines.transferTo(java.io.Writer.nullWriter());
                } catch (IOException e) {
                    // the browser ended
                }
            }, "chromium-output");
            drain.setDaemon(true);
            drain.start();
            return new Session(p, endpoint);
        } catch (IOException | RuntimeException e) {
            end(p);
            throw e;
        }
    }

    /** One page of a running browser. */
    static final class Session implements AutoCloseable {
        private final Process process;
        private final HttpClient http = HttpClient.newHttpClient();
        private final WebSocket socket;
        private final BlockingQueue<JsonObject> replies = new LinkedBlockingQueue<>();
        private final AtomicInteger ids = new AtomicInteger();

        private Session(Process process, String endpoint) throws IOException, InterruptedException {
            this.process = process;
            String page = null;
            for (int tries = 0; page == null && tries < 100; tries++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString());
                for (Object o : parse(r.body(), JsonArray.class)) {
                    JsonObject t = (JsonObject) o;
                    if ("page".equals(t.get("type"))) {
                        page = (String) t.get("webSocketDebuggerUrl");
                    }
                }
                if (page == null) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
            if (page == null) {
                throw new IllegalStateException("chromium opened no page");
            }
            socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        JsonObject m = parse(partial.toString(), JsonObject.class);
                        partial.setLength(0);
                        if (m.containsKey("id")) {
                            replies.add(m);
                        }
                    }
                    ws.request(1);
                    return null;
                }
            }).join();
        }

        /** Evaluates {@code expression} in the page; its value, or null (also while the page is being replaced). */
        Object evaluate(String expression) throws InterruptedException {
            JsonObject params = new JsonObject();
            params.put("expression", expression);
            params.put("returnByValue", true);
            JsonObject result = call("Runtime.evaluate", params);
            JsonObject inner = result == null ? null : (JsonObject) result.get("result");
            return inner == null ? null : inner.get("value");
        }

        /** A PNG of what the page shows now, on a 390 x 844 phone screen. */
        byte[] screenshot() throws InterruptedException {
            JsonObject metrics = new JsonObject();
            metrics.put("width", 390);
            metrics.put("height", 844);
            metrics.put("deviceScaleFactor", 1);
            metrics.put("mobile", true);
            call("Emulation.setDeviceMetricsOverride", metrics);
            JsonObject params = new JsonObject();
            params.put("format", "png");
            JsonObject r = call("Page.captureScreenshot", params);
            if (r == null || r.get("data") == null) {
                throw new IllegalStateException("chromium gave no screenshot");
            }
            return Base64.getDecoder().decode((String) r.get("data"));
        }

        private JsonObject call(String method, JsonObject params) throws InterruptedException {
            int id = ids.incrementAndGet();
            JsonObject m = new JsonObject();
            m.put("id", id);
            m.put("method", method);
            m.put("params", params);
            socket.sendText(m.toJson(), true).join();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                JsonObject reply = replies.poll(1, TimeUnit.SECONDS);
                if (reply != null && ((Number) reply.get("id")).intValue() == id) {
                    return (JsonObject) reply.get("result");
                }
            }
            throw new IllegalStateException("chromium did not answer " + method + " in 30 s");
        }

        @Override
        public void close() {
            socket.abort();
            end(process);
        }
    }

    private static <T> T parse(String json, Class<T> type) {
        try {
            return type.cast(Jsoner.deserialize(json));
        } catch (JsonException e) {
            throw new IllegalStateException("chromium sent what is not JSON: " + e.getMessage(), e);
        }
    }
}
