package io.waypoint.sim.board;

import io.waypoint.sim.chip.EdgeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A matrix keypad (a 4×3 phone keypad by default) on GPIO: rows on outputs, columns on inputs
 * with pull-ups, and the keys a simulated person presses.
 *
 * <p>Each key joins its row to its column while held. A column reads low when the keys held connect
 * it, directly or through other keys and rows, to a row the software drives low; otherwise its
 * pull-up holds it high. So a driver that drives one row low at a time finds the key pressed, and
 * three keys held at the corners of a rectangle show the fourth as well (ghosting), as on a keypad
 * without diodes. A row the software never drove connects nothing.
 *
 * <p>A driver scans by driving a row and reading the columns at once, so the columns must follow the
 * rows without waiting for the board's next delivery of input edges: when a row output changes this
 * wiring works out the columns and asks the board to deliver ({@link SimBoard#tick()}) on the
 * driver's own thread. Key presses between row changes reach the columns at their own instants, at
 * the board's regular deliveries.
 *
 * <pre>{@code
 * MatrixKeypadWiring keypad = new MatrixKeypadWiring(MatrixKeypadWiring.PHONE, new int[] {5, 6, 13, 19},
 *         new int[] {12, 16, 20});
 * SimBoard board = keypad.wire(SimBoard.builder(scheduler)).build();
 * keypad.attach(board);
 * keypad.press('5', t, Duration.ofMillis(120));
 * }</pre>
 * Thread-safe.
 */
public final class MatrixKeypadWiring {
    /** The keys of a phone keypad, row by row. */
    public static final List<String> PHONE = List.of("123", "456", "789", "*0#");

    /**
     * How a simulated person types.
     *
     * @param hold     how long each key is held
     * @param gap      between letting one key go and pressing the next
     * @param longHold how long {@code 0} is held to type {@code +}, as on a phone
     */
    public record Typing(Duration hold, Duration gap, Duration longHold) {
        /** 120 ms a key, 150 ms between keys, 1.5 s for {@code +}. */
        public static final Typing STEADY = new Typing(Duration.ofMillis(120), Duration.ofMillis(150),
                Duration.ofMillis(1500));
    }

    private record Hold(int row, int column, Instant from, Instant until) {}

    private record Edge(Instant at, boolean high) {}

    private final List<String> layout;
    private final int[] rowPins;
    private final int[] columnPins;
    private final List<Hold> holds = new ArrayList<>();
    private final boolean[] rowLow;
    private final boolean[] columnHigh;
    private final List<Deque<Edge>> pending = new ArrayList<>();
    private final Instant[] liveSince;
    private Instant settledTo;
    private SimBoard board;

    /**
     * A keypad whose keys are {@code layout} (one string per row, one character per column), its rows
     * on BCM outputs {@code rowPins} and its columns on BCM inputs {@code columnPins}, top to bottom
     * and left to right.
     */
    public MatrixKeypadWiring(List<String> layout, int[] rowPins, int[] columnPins) {
        this.layout = List.copyOf(layout);
        this.rowPins = rowPins.clone();
        this.columnPins = columnPins.clone();
        if (layout.size() != rowPins.length || layout.stream().anyMatch(r -> r.length() != columnPins.length)) {
            throw new IllegalArgumentException("a keypad of " + layout + " needs " + layout.size() + " row pins and "
                    + layout.get(0).length() + " column pins, got " + rowPins.length + " and " + columnPins.length);
        }
        this.rowLow = new boolean[rowPins.length];
        this.columnHigh = new boolean[columnPins.length];
        Arrays.fill(columnHigh, true);
        for (int c = 0; c < columnPins.length; c++) {
            pending.add(new ArrayDeque<>());
        }
        this.liveSince = new Instant[rowPins.length * columnPins.length];
    }

    /** Puts the rows on {@code builder}'s outputs ("keypad row 1"...) and the columns on its inputs. */
    public SimBoard.Builder wire(SimBoard.Builder builder) {
        for (int r = 0; r < rowPins.length; r++) {
            builder.output(rowPins[r], "keypad row " + (r + 1));
        }
        for (int c = 0; c < columnPins.length; c++) {
            builder.input(columnPins[c], new Column(c));
        }
        return builder;
    }

    /** Connects to the rows of {@code board}, built from a builder this wiring {@link #wire wired}. */
    public void attach(SimBoard board) {
        synchronized (this) {
            if (this.board != null) {
                throw new IllegalStateException("this keypad is attached to a board already");
            }
            this.board = Objects.requireNonNull(board, "board");
        }
        for (int r = 0; r < rowPins.length; r++) {
            int row = r;
            OutputPin pin = board.output(rowPins[r]);
            synchronized (this) {
                rowLow[row] = pin.high().map(high -> !high).orElse(false);
            }
            pin.onChange((at, high) -> rowChanged(row, at, high));
        }
    }

    /**
     * {@code key} is held from {@code at} for {@code held}; presses may overlap (two keys at once,
     * chatter). A press that starts at an instant the board has already delivered starts just after it.
     */
    public synchronized void press(char key, Instant at, Duration held) {
        int[] rc = position(key);
        if (held.isNegative() || held.isZero()) {
            throw new IllegalArgumentException("a press lasts a positive time, was " + held);
        }
        Instant from = notPast(at);
        holds.add(new Hold(rc[0], rc[1], from, from.plus(held)));
    }

    /**
     * Types {@code keys} from {@code from} at the pace of {@code typing}, {@code +} as a long press
     * of {@code 0}; returns when the last key is let go.
     */
    public synchronized Instant type(String keys, Instant from, Typing typing) {
        Instant t = from;
        for (char k : keys.toCharArray()) {
            Duration held = k == '+' ? typing.longHold() : typing.hold();
            press(k == '+' ? '0' : k, t, held);
            t = t.plus(held).plus(typing.gap());
        }
        return t.minus(typing.gap());
    }

    /** A person presses {@code key} now, until {@link #up}. */
    public void down(char key) {
        Instant now = now();
        synchronized (this) {
            int[] rc = position(key);
            int i = rc[0] * columnPins.length + rc[1];
            if (liveSince[i] == null) {
                liveSince[i] = notPast(now);
                holds.add(new Hold(rc[0], rc[1], liveSince[i], Instant.MAX));
            }
        }
    }

    /** A person lets {@code key} go now. */
    public void up(char key) {
        Instant now = now();
        synchronized (this) {
            int[] rc = position(key);
            int i = rc[0] * columnPins.length + rc[1];
            Instant since = liveSince[i];
            if (since != null) {
                liveSince[i] = null;
                holds.remove(new Hold(rc[0], rc[1], since, Instant.MAX));
                Instant until = notPast(now);
                holds.add(new Hold(rc[0], rc[1], since, until.isAfter(since) ? until : since.plusNanos(1)));
            }
        }
    }

    /** {@code t}, or just after the last instant the columns were worked out to if {@code t} is not after it. */
    private Instant notPast(Instant t) {
        return settledTo != null && !t.isAfter(settledTo) ? settledTo.plusNanos(1) : t;
    }

    private Instant now() {
        SimBoard b;
        synchronized (this) {
            b = board;
        }
        if (b == null) {
            throw new IllegalStateException("attach the keypad to its board first: live presses take its clock");
        }
        return b.clock().instant();
    }

    private int[] position(char key) {
        for (int r = 0; r < layout.size(); r++) {
            int c = layout.get(r).indexOf(key);
            if (c >= 0) {
                return new int[] {r, c};
            }
        }
        throw new IllegalArgumentException("no key '" + key + "' on a keypad of " + layout);
    }

    private void rowChanged(int row, Instant at, boolean high) {
        SimBoard b;
        synchronized (this) {
            Instant when = settledTo != null && at.isBefore(settledTo) ? settledTo : at;
            settle(when);
            rowLow[row] = !high;
            update(when);
            b = board;
        }
        b.tick();
    }

    /** Works out the columns' edges up to {@code to}: at each press and release, with the rows as they are. */
    private void settle(Instant to) {
        if (settledTo == null) {
            settledTo = to;
            update(to);
            return;
        }
        if (!to.isAfter(settledTo)) {
            return;
        }
        TreeSet<Instant> changes = new TreeSet<>();
        for (Hold h : holds) {
            if (h.from().isAfter(settledTo) && !h.from().isAfter(to)) {
                changes.add(h.from());
            }
            if (h.until().isAfter(settledTo) && !h.until().isAfter(to)) {
                changes.add(h.until());
            }
        }
        for (Instant t : changes) {
            update(t);
        }
        settledTo = to;
        holds.removeIf(h -> !h.until().isAfter(to));
    }

    /** Queues an edge for every column whose level at {@code t} differs from its last. */
    private void update(Instant t) {
        boolean[] low = columnsLow(t);
        for (int c = 0; c < columnHigh.length; c++) {
            if (columnHigh[c] == low[c]) {
                columnHigh[c] = !low[c];
                pending.get(c).add(new Edge(t, !low[c]));
            }
        }
    }

    /** Columns joined, through the keys held at {@code t}, to a row driven low. */
    private boolean[] columnsLow(Instant t) {
        int rows = rowPins.length;
        int[] parent = new int[rows + columnPins.length];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (Hold h : holds) {
            if (!t.isBefore(h.from()) && t.isBefore(h.until())) {
                parent[root(parent, h.row())] = root(parent, rows + h.column());
            }
        }
        boolean[] low = new boolean[columnPins.length];
        for (int r = 0; r < rows; r++) {
            if (rowLow[r]) {
                int net = root(parent, r);
                for (int c = 0; c < low.length; c++) {
                    low[c] |= root(parent, rows + c) == net;
                }
            }
        }
        return low;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            i = parent[i];
        }
        return i;
    }

    /** One column's wire, as the board's input sees it. */
    private final class Column implements EdgeSource {
        private final int column;

        Column(int column) {
            this.column = column;
        }

        @Override
        public boolean initialHigh() {
            return true;
        }

        @Override
        public boolean openCollector() {
            return true;
        }

        @Override
        public void advance(Instant to, EdgeSink sink) {
            List<Edge> out = new ArrayList<>();
            synchronized (MatrixKeypadWiring.this) {
                settle(to);
                Deque<Edge> queue = pending.get(column);
                while (!queue.isEmpty() && !queue.peekFirst().at().isAfter(to)) {
                    out.add(queue.removeFirst());
                }
            }
            for (Edge e : out) {
                sink.edge(e.at(), e.high());
            }
        }
    }
}
