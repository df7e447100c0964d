package io.waypoint.sim.pi4j;

import com.pi4j.provider.Provider;
import io.waypoint.sim.board.SimBoard;
import java.util.function.Supplier;

/**
 * The providers hal-sim registers with Pi4J. Pi4J 2.8 keeps one provider per I/O type, the one of
 * highest priority (a tie keeps the first found), so {@link #PRIORITY} beats Pi4J's own mock
 * plugin (1000) and the board providers (gpiod and linuxfs 150, pigpio 100): a node asking for the
 * default provider gets the simulator, and a config that names another provider fails (Pi4J has
 * dropped it), which is what we want in sim mode. Providers added explicitly with
 * {@code ContextBuilder.add(Provider...)} are the exception: Pi4J installs those whatever their
 * priority, so a sim-mode context must not add any.
 */
public final class SimProviders {
    /** Priority of every hal-sim provider. */
    public static final int PRIORITY = 2000;

    private SimProviders() {}

    /** Providers for digital input, digital output and I2C on the board {@code board} supplies. */
    public static Provider<?, ?, ?>[] on(Supplier<SimBoard> board) {
        return new Provider<?, ?, ?>[] {
            new SimDigitalInputProvider(board), new SimDigitalOutputProvider(board), new SimI2CProvider(board)
        };
    }
}
