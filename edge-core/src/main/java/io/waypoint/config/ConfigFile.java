package io.waypoint.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one configuration file format of waypoint: lines of {@code key = value}, {@code #} comments,
 * and {@code [section]} headers. A plain section name ({@code [broker]}) prefixes its keys
 * ({@code broker.url}); a section with a name after a space ({@code [rule turbidity_unsafe]}) is a
 * named block, used for lists such as alert rules. Chosen over JSON or YAML because a technician
 * edits it in nano on a serial console, and every error can name a line.
 */
public final class ConfigFile {
    private static final Pattern KEY = Pattern.compile("[a-z0-9_][a-z0-9_.-]*");
    private static final Pattern SECTION = Pattern.compile("[a-z0-9_][a-z0-9_.-]*( [a-z0-9_][a-z0-9_.-]*)?");

    /** One {@code key = value} line. */
    public record Entry(String key, String value, int line) {}

    /**
     * A section: {@code kind} is the first word of its header ("" before any header), {@code name}
     * the second word or "" when there is none.
     */
    public record Section(String kind, String name, int line, Map<String, Entry> entries) {
        /** The prefix its keys take in a flat view: "broker." for [broker], "" for the top. */
        String prefix() {
            return kind.isEmpty() ? "" : name.isEmpty() ? kind + "." : kind + "." + name + ".";
        }
    }

    private final String source;
    private final List<Section> sections;

    private ConfigFile(String source, List<Section> sections) {
        this.source = source;
        this.sections = List.copyOf(sections);
    }

    /** Reads and parses a file; a missing or unreadable file is a {@link ConfigException}. */
    public static ConfigFile read(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "(file)", source, "a readable config file; it does not exist");
        } catch (IOException e) {
            throw new ConfigException(source, "(file)", source, "a readable config file; reading failed: " + e.getMessage());
        }
        return parse(source, bytes);
    }

    /**
     * Parses a file's bytes, which must be UTF-8; {@code source} names it in errors. What
     * {@link #read} does once it has the bytes.
     */
    public static ConfigFile parse(String source, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, "(file)", source, "UTF-8 text; the file holds bytes that are not UTF-8");
        }
        return parse(source, text);
    }

    /** Parses text; {@code source} names it in errors (a path, or "command line"). */
    public static ConfigFile parse(String source, String text) {
        List<Section> sections = new ArrayList<>();
        Map<String, Entry> current = new LinkedHashMap<>();
        sections.add(new Section("", "", 0, current));
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + lineNo;
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new ConfigException(where, "(section)", line, "a section header like [broker], closed by ]");
                }
                String header = line.substring(1, line.length() - 1).strip().replaceAll("\\s+", " ");
                if (!SECTION.matcher(header).matches()) {
                    throw new ConfigException(where, "(section)", line,
                            "a section name of lower-case letters, digits, '_', '-' or '.', optionally followed by one name");
                }
                int sp = header.indexOf(' ');
                String kind = sp < 0 ? header : header.substring(0, sp);
                String name = sp < 0 ? "" : header.substring(sp + 1);
                for (Section s : sections) {
                    if (s.kind().equals(kind) && s.name().equals(name) && !kind.isEmpty()) {
                        throw new ConfigException(where, "(section)", line, "each section once; it already appears on line " + s.line());
                    }
                }
                current = new LinkedHashMap<>();
                sections.add(new Section(kind, name, lineNo, current));
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                // the whole line stands for the key; a line about a password may hold the password
                String shown = ConfigException.namesSecret(line) ? "(a line about a password, hidden)" : line;
                throw new ConfigException(where, shown, null, "a line of the form key = value");
            }
            String key = line.substring(0, eq).strip();
            String value = stripComment(line.substring(eq + 1)).strip();
            if (!KEY.matcher(key).matches()) {
                throw new ConfigException(where, key, value, "a key of lower-case letters, digits, '_', '-' or '.'");
            }
            Entry previous = current.get(key);
            if (previous != null) {
                throw new ConfigException(where, key, value, "each key once; it is already set on line " + previous.line());
            }
            current.put(key, new Entry(key, value, lineNo));
        }
        return new ConfigFile(source, sections);
    }

    /** A trailing " # comment" is removed; a '#' inside a value (no space before it) stays. */
    private static String stripComment(String value) {
        int i = value.indexOf(" #");
        return i < 0 ? value : value.substring(0, i);
    }

    public String source() {
        return source;
    }

    /** Every section in file order, the unnamed top section first. */
    public List<Section> sections() {
        return sections;
    }

    /** The named blocks of one kind, e.g. every {@code [rule NAME]}. */
    public List<Section> sections(String kind) {
        return sections.stream().filter(s -> s.kind().equals(kind) && !s.name().isEmpty()).toList();
    }

    /**
     * Every entry as a flat key: {@code [broker] url = x} becomes {@code broker.url}. A key set twice
     * through different spellings ({@code broker.url} at the top and {@code url} under [broker]) is an
     * error.
     */
    public Map<String, Entry> flat() {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Section s : sections) {
            for (Entry e : s.entries().values()) {
                String key = s.prefix() + e.key();
                Entry previous = out.put(key, new Entry(key, e.value(), e.line()));
                if (previous != null) {
                    throw new ConfigException(source + " line " + e.line(), key, e.value(),
                            "each key once; it is already set on line " + previous.line());
                }
            }
        }
        return out;
    }
}
