package io.waypoint.sim.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.InitializeException;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import io.waypoint.sim.board.SimBoard;
import java.time.Duration;

/**
 * A GPIO input on the simulated board. The pull resistor and the debounce (microseconds, Pi4J's
 * {@code debounce} setting, 10 ms unless set) of its config apply as on a board; level changes reach
 * the listeners in order on the board's scheduler thread, as gpiod's do on its own threads.
 */
final class SimDigitalInput extends DigitalInputBase {
    private final SimBoard board;
    private SimBoard.InputHandle handle;
    private int listeners;

    SimDigitalInput(DigitalInputProvider provider, DigitalInputConfig config, SimBoard board) {
        super(provider, config);
        this.board = board;
    }

    @Override
    public DigitalInput initialize(Context context) throws InitializeException {
        super.initialize(context);
        Long micros = config.debounce();
        Duration debounce = Duration.ofNanos(micros == null ? DEFAULT_DEBOUNCE * 1000 : Math.max(0, micros) * 1000);
        handle = board.openInput(config.address(), config.pull() == PullResistance.PULL_UP, debounce,
                (at, high) -> dispatch(new DigitalStateChangeEvent<>(this, DigitalState.getState(high))));
        return this;
    }

    @Override
    public DigitalState state() {
        SimBoard.InputHandle h = handle;
        return h == null ? DigitalState.UNKNOWN : DigitalState.getState(h.high());
    }

    @Override
    public synchronized DigitalInput addListener(DigitalStateChangeListener... added) {
        super.addListener(added);
        listeners += added.length;
        tellBoard();
        return this;
    }

    @Override
    public synchronized DigitalInput removeListener(DigitalStateChangeListener... removed) {
        super.removeListener(removed);
        listeners = Math.max(0, listeners - removed.length);
        tellBoard();
        return this;
    }

    private void tellBoard() {
        if (handle != null) {
            handle.heard(listeners > 0);
        }
    }

    @Override
    public DigitalInput shutdown(Context context) throws ShutdownException {
        if (handle != null) {
            handle.close();
        }
        return super.shutdown(context);
    }
}
