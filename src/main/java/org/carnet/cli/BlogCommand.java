package org.carnet.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carnet.app.Services;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogSettings;
import org.carnet.core.Problem;
import org.carnet.core.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `carnet blog ...`: create blogs, change and show their settings. */
@Command(name = "blog", description = "Manage blogs.",
        subcommands = {BlogCommand.Create.class, BlogCommand.Set.class, BlogCommand.Show.class})
public final class BlogCommand {

    @Command(name = "create", description = "Create a blog.")
    static final class Create extends AdminCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "Short name: [a-z0-9-]{3,40}")
        String name;

        @Option(names = "--title", required = true, paramLabel = "TITLE")
        String title;

        @Option(names = "--lang", defaultValue = "fr", paramLabel = "fr|en")
        String lang;

        @Option(names = "--time-zone", defaultValue = "Europe/Paris", paramLabel = "ZONE")
        String timeZone;

        @Option(names = "--owner", paramLabel = "EMAIL",
                description = "Its first admin (default: the first instance admin)")
        String owner;

        @Override
        void run(Services services, PrintWriter out) {
            User admin = owner != null
                    ? services.accounts.byEmail(owner).orElseThrow(() -> Problem.notFound("account.notFound", owner))
                    : services.accounts.firstInstanceAdmin()
                            .orElseThrow(() -> Problem.invalid("cli.owner.required"));
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("title", title);
            settings.put("language", lang);
            settings.put("time-zone", timeZone);
            Blog blog = services.blogs.create(admin.id(), name, settings);
            out.println("Created blog " + blog.name() + " (id " + blog.id() + "), admin " + admin.email());
        }
    }

    /** One line per key of BlogSettings.KEYS, with the values it takes (CliTest checks that none is missing). */
    @Command(name = "set", description = {
        "Change a blog's settings (prints them all afterwards). Keys and their values:",
        "  title           text, 1 to 200 characters",
        "  description     text, up to 1000 characters (empty for none)",
        "  language        fr | en",
        "  time-zone       a zone id, e.g. Europe/Paris",
        "  visibility      public | private (members only)",
        "  comment-policy  anyone | registered | members | nobody",
        "  host            the blog's own domain, e.g. notes.example.org (empty for none)",
        "  posts-per-page  1 to 50",
        "  moderation      never | always | older:N (posts older than N days, 1 to 3650)",
        "  search-engines  visible | hidden"})
    static final class Set extends AdminCommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE")
        List<String> assignments;

        @Override
        void run(Services services, PrintWriter out) {
            Map<String, String> changes = new LinkedHashMap<>();
            for (String a : assignments) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw Problem.invalid("cli.assignment.invalid", a);
                }
                changes.put(a.substring(0, eq).trim(), a.substring(eq + 1));
            }
            Blog blog = services.blogs.changeSettings(services.blogs.require(name), changes);
            BlogSettings.describe(blog).forEach((k, v) -> out.println(k + "=" + v));
        }
    }

    @Command(name = "show", description = "Print a blog's settings as key=value lines.")
    static final class Show extends AdminCommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void run(Services services, PrintWriter out) {
            Blog blog = services.blogs.require(name);
            out.println("name=" + blog.name());
            out.println("id=" + blog.id());
            BlogSettings.describe(blog).forEach((k, v) -> out.println(k + "=" + v));
        }
    }
}
