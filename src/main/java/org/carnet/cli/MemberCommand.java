package org.carnet.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.carnet.app.Services;
import org.carnet.blog.Blog;
import org.carnet.blog.Role;
import org.carnet.core.Problem;
import org.carnet.core.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `carnet member ...`: membership from the command line. */
@Command(name = "member", description = "Manage blog members.", subcommands = {MemberCommand.Add.class})
public final class MemberCommand {

    @Command(name = "add", description = "Add a member to a blog, or change their role.")
    static final class Add extends AdminCommand {

        @Parameters(index = "0", paramLabel = "BLOG")
        String blogName;

        @Parameters(index = "1", paramLabel = "EMAIL")
        String email;

        @Parameters(index = "2", paramLabel = "admin|author|reader")
        String role;

        @Override
        void run(Services services, PrintWriter out) {
            Blog blog = services.blogs.require(blogName);
            User user = services.accounts.byEmail(email)
                    .orElseThrow(() -> Problem.notFound("account.notFound", email));
            Role r = Role.parse(role);
            services.memberships.setRole(blog, user.id(), r);
            out.println(user.email() + " is " + r.name().toLowerCase(Locale.ROOT) + " of " + blog.name());
        }
    }
}
