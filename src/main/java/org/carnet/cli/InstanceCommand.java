package org.carnet.cli;

import java.io.PrintWriter;
import java.util.List;
import org.carnet.app.Services;
import org.carnet.core.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `carnet instance set signup=open|closed`: settings of the whole instance. */
@Command(name = "instance", description = "Instance settings.", subcommands = {InstanceCommand.Set.class})
public final class InstanceCommand {

    @Command(name = "set", description = "Change instance settings: signup=open|closed")
    static final class Set extends AdminCommand {

        @Parameters(arity = "1..*", paramLabel = "KEY=VALUE")
        List<String> assignments;

        @Override
        void run(Services services, PrintWriter out) {
            for (String a : assignments) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw Problem.invalid("cli.assignment.invalid", a);
                }
                services.instance.set(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
                out.println(a.substring(0, eq).trim() + "=" + services.instance.get(a.substring(0, eq).trim()));
            }
        }
    }
}
