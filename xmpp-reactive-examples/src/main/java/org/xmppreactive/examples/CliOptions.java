package org.xmppreactive.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line's options, {@code --name value} or {@code --flag}: who to log in as, where, with which TLS and
 * trust, and each command's own options.
 *
 * @param values every {@code --name value} given
 * @param flags  every {@code --flag} given
 */
record CliOptions(Map<String, String> values, Set<String> flags) {

    private static final Set<String> FLAGS = Set.of("trust-all");
    private static final Set<String> VALUES = Set.of("jid", "password", "host", "port", "tls", "ca", "to", "body",
            "count", "timeout");

    /**
     * Reads {@code args}.
     *
     * @throws IllegalArgumentException naming an unknown option or one without its value
     */
    static CliOptions parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        java.util.Set<String> flags = new java.util.HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            if (FLAGS.contains(name)) {
                flags.add(name);
            } else if (VALUES.contains(name) && i + 1 < args.size()) {
                values.put(name, args.get(++i));
            } else if (VALUES.contains(name)) {
                throw new IllegalArgumentException(arg + " needs a value");
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new CliOptions(Map.copyOf(values), Set.copyOf(flags));
    }

    /** The value of {@code --name}. */
    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value of {@code --name}, which the command needs. */
    String required(String name) {
        return value(name).orElseThrow(() -> new IllegalArgumentException("--" + name + " is required"));
    }

    /** {@code --tls}: {@code starttls} (the default), {@code direct} or {@code none}. */
    String tls() {
        String tls = value("tls").orElse("starttls");
        if (!List.of("starttls", "direct", "none").contains(tls)) {
            throw new IllegalArgumentException("--tls is starttls, direct or none, not " + tls);
        }
        return tls;
    }

    /** {@code --ca FILE}. */
    Optional<Path> ca() {
        return value("ca").map(Path::of);
    }

    /** {@code --trust-all}. */
    boolean trustAll() {
        return flags.contains("trust-all");
    }

    /** {@code --port}, if given. */
    Optional<Integer> port() {
        return value("port").map(Integer::parseInt);
    }

    /** {@code --timeout SECONDS}, default {@code seconds}. */
    Duration timeout(int seconds) {
        return Duration.ofSeconds(value("timeout").map(Integer::parseInt).orElse(seconds));
    }
}
