package io.waypoint.drivers.turbidity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How an analog turbidity sensor's output voltage maps to NTU: points measured in standards of
 * known turbidity (formazin or polymer, at the probe's temperature), joined by straight lines.
 *
 * <p>Rules: at least three points (DIY sensors need more than two; a line cannot follow their
 * curve), no two at the same voltage, and NTU falling as the voltage rises, as these sensors' output
 * does. Points are kept sorted by voltage.
 *
 * <p>Extrapolation: below the lowest and above the highest point the first and last segments are
 * extended, and the result is never below 0 NTU. Voltages outside the sensor's valid range never
 * get here: {@link AnalogTurbiditySensor} reports them as faults first, so extrapolation only
 * spans the small gap between the outermost standards and the edges of that range.
 *
 * <p>The {@linkplain #vendorCurve() default} is the vendor's curve NTU = −1120.4·V² + 5742.3·V −
 * 4352.9, sampled every 10 mV on its falling branch (2.57–4.20 V) plus its zero at 4.2002 V:
 * within 0.03 NTU of the formula.
 *
 * <p>Stored as a small text file, one {@code volts ntu} pair a line, written atomically (a
 * temporary file, fsync, rename, fsync of the directory) so a power cut leaves either the old or
 * the new calibration, never half of one.
 */
public final class TurbidityCalibration {

    /** One standard: the sensor's output voltage (before the divider) in water of {@code ntu}. */
    public record Point(double volts, double ntu) {
        public Point {
            if (!Double.isFinite(volts) || !(volts > 0) || !Double.isFinite(ntu) || ntu < 0) {
                throw new IllegalArgumentException("a calibration point needs volts > 0 and NTU >= 0, was "
                        + volts + " V, " + ntu + " NTU");
            }
        }
    }

    private static final double A = -1120.4;
    private static final double B = 5742.3;
    private static final double C = -4352.9;
    private static final String HEADER = """
            # waypoint turbidity calibration: sensor output volts (before the divider) and NTU
            # one point a line, at least 3; NTU falls as volts rise
            """;

    private final List<Point> points;

    private TurbidityCalibration(List<Point> sorted) {
        this.points = List.copyOf(sorted);
    }

    /**
     * A calibration through {@code points} (any order).
     *
     * @throws IllegalArgumentException naming the offending points if the rules above are broken
     */
    public static TurbidityCalibration of(List<Point> points) {
        if (points.size() < 3) {
            throw new IllegalArgumentException("a turbidity calibration needs at least 3 points (standards), got "
                    + points.size() + ": measure at least three standards that bracket the expected range");
        }
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::volts));
        for (int i = 1; i < sorted.size(); i++) {
            Point a = sorted.get(i - 1);
            Point b = sorted.get(i);
            if (a.volts() == b.volts()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "two calibration points at %.4f V"
                        + " (%s NTU and %s NTU): remeasure one of the standards", a.volts(), a.ntu(), b.ntu()));
            }
            if (!(b.ntu() < a.ntu())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "calibration points %.4f V = %s NTU and"
                        + " %.4f V = %s NTU: NTU must fall as the voltage rises; check the standards' labels and"
                        + " that the sensor window was clean", a.volts(), a.ntu(), b.volts(), b.ntu()));
            }
        }
        return new TurbidityCalibration(sorted);
    }

    /** The vendor's curve (see the class comment). */
    public static TurbidityCalibration vendorCurve() {
        List<Point> pts = new ArrayList<>();
        for (int mv = 2570; mv <= 4200; mv += 10) {
            double v = mv / 1000.0;
            pts.add(new Point(v, A * v * v + B * v + C));
        }
        double zero = (-B - Math.sqrt(B * B - 4 * A * C)) / (2 * A);
        pts.add(new Point(zero, 0));
        return of(pts);
    }

    /** The points, sorted by voltage. */
    public List<Point> points() {
        return points;
    }

    /** NTU for a sensor output voltage (before the divider): piecewise linear, never below 0. */
    public double ntu(double sensorVolts) {
        int i = 1;
        while (i < points.size() - 1 && sensorVolts > points.get(i).volts()) {
            i++;
        }
        Point a = points.get(i - 1);
        Point b = points.get(i);
        double ntu = a.ntu() + (b.ntu() - a.ntu()) * (sensorVolts - a.volts()) / (b.volts() - a.volts());
        return Math.max(0.0, ntu);
    }

    /** The file text: a comment header, then one {@code volts ntu} line per point. */
    public String toText() {
        StringBuilder sb = new StringBuilder(HEADER);
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "%s %s%n", p.volts(), p.ntu()));
        }
        return sb.toString();
    }

    /**
     * Parses what {@link #toText()} writes ({@code #} comments and blank lines allowed).
     *
     * @param source names the text in errors, e.g. the file path
     * @throws IllegalArgumentException naming the source, the line and the value
     */
    public static TurbidityCalibration parse(String text, String source) {
        List<Point> pts = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            try {
                if (f.length != 2) {
                    throw new NumberFormatException();
                }
                pts.add(new Point(Double.parseDouble(f[0]), Double.parseDouble(f[1])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + (n + 1) + ": '" + line
                        + "': expected two numbers, sensor volts (> 0) and NTU (>= 0)"
                        + (e instanceof NumberFormatException ? "" : ": " + e.getMessage()));
            }
        }
        try {
            return of(pts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    /**
     * The calibration stored in {@code file}, or the vendor curve if there is none yet.
     *
     * @throws IOException if the file exists but cannot be read
     * @throws IllegalArgumentException naming the file and line if its content is not a calibration
     */
    public static TurbidityCalibration loadOrVendorCurve(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            return vendorCurve();
        }
    }

    /** Replaces {@code file} with this calibration, atomically and durably. */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(toText().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot fsync a directory; the rename is still atomic there
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TurbidityCalibration c && c.points.equals(points);
    }

    @Override
    public int hashCode() {
        return points.hashCode();
    }

    @Override
    public String toString() {
        return "TurbidityCalibration" + points;
    }
}
