package org.carnet.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.carnet.app.Services;
import org.carnet.core.Tokens;
import org.carnet.core.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `carnet user ...`: accounts from the command line. */
@Command(name = "user", description = "Manage accounts.", subcommands = {UserCommand.Add.class, UserCommand.SetPassword.class})
public final class UserCommand {

    @Command(name = "add", description = "Create an account (prints a generated password unless "
            + "--password-stdin is given).")
    static final class Add extends AdminCommand {

        @Option(names = "--email", required = true, paramLabel = "EMAIL")
        String email;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Display name")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from the first line of stdin")
        boolean passwordStdin;

        @Option(names = "--instance-admin", description = "May change the instance's settings")
        boolean instanceAdmin;

        @Override
        void run(Services services, PrintWriter out) throws Exception {
            String password = passwordStdin ? firstLineOfStdin() : generated();
            User user = services.accounts.create(email, name, password, instanceAdmin);
            out.println("Created account " + user.email() + " (id " + user.id() + ")");
            if (!passwordStdin) {
                out.println("Password (shown once): " + password);
            }
        }
    }

    @Command(name = "password", description = "Set a new password for an account, without the old one (for "
            + "an instance that cannot mail reset links); every session of the account ends. Prints a generated "
            + "password unless --password-stdin is given.")
    static final class SetPassword extends AdminCommand {

        @Option(names = "--email", required = true, paramLabel = "EMAIL")
        String email;

        @Option(names = "--password-stdin", description = "Read the password from the first line of stdin")
        boolean passwordStdin;

        @Override
        void run(Services services, PrintWriter out) throws Exception {
            String password = passwordStdin ? firstLineOfStdin() : generated();
            User user = services.accounts.resetPassword(email, password);
            out.println("New password set for " + user.email() + "; its sessions are ended.");
            if (!passwordStdin) {
                out.println("Password (shown once): " + password);
            }
        }
    }

    private static String firstLineOfStdin() throws java.io.IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        return line == null ? "" : line;
    }

    private static String generated() {
        return Tokens.random().substring(0, 20);
    }
}
