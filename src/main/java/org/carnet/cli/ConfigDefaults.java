package org.carnet.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for long options from the environment, then from a config file: --base-url comes from
 * CARNET_BASE_URL, else from "base-url=" in the file named by CARNET_CONFIG (default ./carnet.properties),
 * else the option's own default. An option given on the command line wins over all of them.
 */
public final class ConfigDefaults implements IDefaultValueProvider {

    private final Map<String, String> env;
    private final Properties file;

    public ConfigDefaults() {
        this(System.getenv());
    }

    ConfigDefaults(Map<String, String> env) {
        this.env = env;
        this.file = load(Path.of(env.getOrDefault("CARNET_CONFIG", "carnet.properties")),
                env.containsKey("CARNET_CONFIG"));
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !option.longestName().startsWith("--")) {
            return null;
        }
        String key = option.longestName().substring(2);
        String fromEnv = env.get("CARNET_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        return file.getProperty(key);
    }

    private static Properties load(Path path, boolean required) {
        Properties p = new Properties();
        if (!Files.exists(path)) {
            if (required) {
                throw new IllegalArgumentException("Config file not found: " + path);
            }
            return p;
        }
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read config file " + path + ": " + e.getMessage(), e);
        }
        return p;
    }
}
