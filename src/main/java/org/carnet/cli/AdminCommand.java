package org.carnet.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.carnet.app.Services;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that opens the instance's database, does one thing and closes it. */
abstract class AdminCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try (Services services = Services.open(store.config())) {
            run(services, spec.commandLine().getOut());
        }
        return 0;
    }

    abstract void run(Services services, PrintWriter out) throws Exception;
}
