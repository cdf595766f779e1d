package org.carnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve's options: command line, then CARNET_* environment, then the config file, then the default. */
class ConfigDefaultsTest {

    private static ServeCommand parse(Map<String, String> env, String... args) {
        ServeCommand serve = new ServeCommand();
        CommandLine cmd = new CommandLine(serve);
        cmd.setDefaultValueProvider(new ConfigDefaults(env));
        cmd.parseArgs(args);
        return serve;
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        ServeCommand s = parse(Map.of());
        assertThat(s.port).isEqualTo(8080);
        assertThat(s.store.dataDir).isEqualTo(Path.of("data"));
        assertThat(s.store.dbUrl).isNull();
        assertThat(s.baseUrl).isNull();
    }

    @Test
    void commandLineBeatsEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("carnet.properties");
        Files.writeString(file, "port=7000\nbase-url=https://file.example\ndb=jdbc:sqlite:/tmp/file.db\n");
        Map<String, String> env = Map.of("CARNET_CONFIG", file.toString(), "CARNET_PORT", "7100");

        ServeCommand fromEnvAndFile = parse(env);
        assertThat(fromEnvAndFile.port).isEqualTo(7100);
        assertThat(fromEnvAndFile.baseUrl).isEqualTo("https://file.example");
        assertThat(fromEnvAndFile.store.dbUrl).isEqualTo("jdbc:sqlite:/tmp/file.db");

        ServeCommand fromArgs = parse(env, "--port", "7200", "--base-url", "https://cli.example");
        assertThat(fromArgs.port).isEqualTo(7200);
        assertThat(fromArgs.baseUrl).isEqualTo("https://cli.example");
    }

    @Test
    void aNamedConfigFileThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> new ConfigDefaults(Map.of("CARNET_CONFIG", "/no/such/carnet.properties")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/no/such/carnet.properties");
    }
}
