package io.waypoint.wire;

import java.util.Objects;

/**
 * A command to a node, {@code wp/v1/{site}/{node}/cmd/{command}}, or the node's answer to it,
 * {@code .../cmd/{command}/result} when {@code result} is true. Command names are
 * {@code [a-z0-9_-]{1,32}}.
 */
public record CommandTopic(NodeRef node, String command, boolean result) implements Topic {

    public CommandTopic {
        Objects.requireNonNull(node, "node");
        if (!Ids.isCommand(command)) {
            throw Ids.invalid("command", command, Ids.COMMAND_SHAPE);
        }
    }

    /** Where the node answers this command. */
    public CommandTopic resultTopic() {
        return new CommandTopic(node, command, true);
    }

    @Override
    public String name() {
        return ROOT + node.site() + '/' + node.node() + "/cmd/" + command + (result ? "/result" : "");
    }
}
