package org.carnet;

import java.io.PrintWriter;
import org.carnet.cli.BlogCommand;
import org.carnet.cli.ConfigDefaults;
import org.carnet.cli.ExportCommand;
import org.carnet.cli.ImportCommand;
import org.carnet.cli.InstanceCommand;
import org.carnet.cli.MemberCommand;
import org.carnet.cli.ReindexCommand;
import org.carnet.cli.ServeCommand;
import org.carnet.cli.Terminal;
import org.carnet.cli.UserCommand;
import org.carnet.core.Messages;
import org.carnet.core.Problem;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The `carnet` command: serve, and the administration commands that work on the same data. Its scope is INHERIT so
 * that every subcommand, at any depth and however it is added later, takes its --help and --version options (and the
 * version) without repeating them: CliTest walks the whole tree to keep it so.
 */
@Command(name = "carnet", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, version = "Carnet 0.1.0",
        description = "A self-hosted, Blogger-style blog platform.",
        subcommands = {ServeCommand.class, UserCommand.class, BlogCommand.class, MemberCommand.class,
                InstanceCommand.class, ImportCommand.class, ExportCommand.class, ReindexCommand.class})
public final class Carnet {

    public static void main(String[] args) {
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /** Runs a command line; returns the exit code (0 ok, 1 bad usage or input, 2 internal error). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new Carnet());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setDefaultValueProvider(new ConfigDefaults());
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof Problem p) {
                err.println("error: " + p.message(Messages.of(Terminal.language())));
                return 1;
            }
            if (ex instanceof IllegalArgumentException) {
                err.println("error: " + ex.getMessage());
                return 1;
            }
            LoggerFactory.getLogger(Carnet.class).error("command failed", ex);
            err.println("error: " + ex);
            return 2;
        });
        return cmd.execute(args);
    }
}
