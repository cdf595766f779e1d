package org.carnet.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carnet.app.Services;
import org.carnet.core.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * `carnet instance set signup=open|closed media-max-file-mb=20 ...`: settings of the whole instance (see
 * instance/InstanceSettings for the keys).
 */
@Command(name = "instance", description = "Instance settings.", subcommands = {InstanceCommand.Set.class})
public final class InstanceCommand {

    @Command(name = "set", description = "Change instance settings: signup=open|closed, media-max-file-mb=N, "
            + "media-max-megapixels=N, media-blog-quota-mb=N")
    static final class Set extends AdminCommand {

        @Parameters(arity = "1..*", paramLabel = "KEY=VALUE")
        List<String> assignments;

        @Override
        void run(Services services, PrintWriter out) {
            // Every assignment is read and checked before any is stored, so a refused command changes nothing.
            Map<String, String> changes = new LinkedHashMap<>();
            for (String a : assignments) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw Problem.invalid("cli.assignment.invalid", a);
                }
                changes.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
            }
            services.instance.setAll(changes);
            changes.keySet().forEach(key -> out.println(key + "=" + services.instance.get(key)));
        }
    }
}
