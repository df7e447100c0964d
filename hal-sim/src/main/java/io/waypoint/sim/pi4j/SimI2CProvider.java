package io.waypoint.sim.pi4j;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProviderBase;
import io.waypoint.sim.board.SimBoard;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Pi4J's I2C provider in sim mode: devices on the simulated board's buses. */
public final class SimI2CProvider extends I2CProviderBase {
    /** The provider id, for a config that names its provider. */
    public static final String ID = "waypoint-sim-i2c";

    private final Supplier<SimBoard> board;
    private final Map<Integer, SimI2CBus> buses = new ConcurrentHashMap<>();

    SimI2CProvider(Supplier<SimBoard> board) {
        super(ID, "waypoint hal-sim I2C");
        this.board = board;
    }

    @Override
    public int getPriority() {
        return SimProviders.PRIORITY;
    }

    @Override
    public I2C create(I2CConfig config) {
        SimBoard b = board.get();
        int bus = config.bus();
        if (!b.hasI2cBus(bus)) {
            // what linuxfs-i2c reports when /dev/i2c-N does not exist
            throw new Pi4JException("I2C bus " + bus + " does not exist: /dev/i2c-" + bus + " not found (hal-sim board)");
        }
        SimI2CBus shared = buses.computeIfAbsent(bus, n -> new SimI2CBus(config));
        SimI2C i2c = new SimI2C(this, config, shared, b.openI2cDevice(bus, config.device()).orElse(null));
        context.registry().add(i2c);
        return i2c;
    }
}
