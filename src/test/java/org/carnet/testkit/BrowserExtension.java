package org.carnet.testkit;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real browser (Debian's chromium, headless, driven by Playwright) for a test class.
 * One Playwright and one Browser per class; a fresh BrowserContext (cookies, locale) and Page per test,
 * closed after it. On a failed test its pages are saved as target/screenshots/FAILED-Class-method.png.
 * <pre>
 * &#64;RegisterExtension static final CarnetExtension carnet = CarnetExtension.sqlite();
 * &#64;RegisterExtension static final BrowserExtension browser = BrowserExtension.chromium(carnet::baseUrl);
 * ...
 * Page page = browser.page();              // en-US, relative URLs resolve against the server
 * Page fr = browser.page("fr-FR");         // a separate context in French (Accept-Language too)
 * </pre>
 * Register it after the {@link CarnetExtension}; the base URL is read when a page is first opened.
 */
public final class BrowserExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic",
            "--disable-sync");
    private static final double TIMEOUT_MS = 15_000;

    private final Supplier<String> baseUrl;
    private String defaultLocale = "en-US";
    private Playwright playwright;
    private Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private Page page;

    private BrowserExtension(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Pages open relative URLs ("/account/signin") against {@code baseUrl}, e.g. {@code carnet::baseUrl}. */
    public static BrowserExtension chromium(Supplier<String> baseUrl) {
        return new BrowserExtension(baseUrl);
    }

    /** The locale of {@link #page()} for every test of the class (default "en-US"). */
    public BrowserExtension locale(String locale) {
        this.defaultLocale = locale;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!java.nio.file.Files.isExecutable(CHROMIUM)) {
            String why = "Debian's Chromium is missing at " + CHROMIUM + ": `apt-get install chromium` to run the "
                    + "browser tests";
            // In CI a missing browser is a broken machine, not a reason to pass without testing.
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(ARGS));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            String name = "FAILED-" + context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName();
            int n = 0;
            for (BrowserContext c : contexts) {
                for (Page p : c.pages()) {
                    try {
                        screenshot(p, n++ == 0 ? name : name + "-" + n);
                    } catch (RuntimeException e) {
                        context.getExecutionException().get().addSuppressed(e);
                    }
                }
            }
        }
        contexts.forEach(BrowserContext::close);
        contexts.clear();
        page = null;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** This test's main page, in the class's locale; the same page for every call within one test. */
    public Page page() {
        if (page == null) {
            page = page(o -> { });
        }
        return page;
    }

    /**
     * A new page in its own context (own cookies) speaking {@code locale}, e.g. "fr-FR": the browser's
     * locale and its Accept-Language header ("fr-FR,fr;q=0.9").
     */
    public Page page(String locale) {
        String language = locale.split("-")[0];
        String accept = locale.equals(language) ? locale : locale + "," + language + ";q=0.9";
        return page(o -> o.setLocale(locale).setExtraHTTPHeaders(Map.of("Accept-Language", accept)));
    }

    /** A new page in its own context, configured further by {@code options}; closed after the test. */
    public Page page(Consumer<Browser.NewContextOptions> options) {
        if (browser == null) {
            throw new IllegalStateException("BrowserExtension must be registered with @RegisterExtension on a static field");
        }
        Browser.NewContextOptions o = new Browser.NewContextOptions().setBaseURL(baseUrl.get()).setLocale(defaultLocale);
        options.accept(o);
        BrowserContext context = browser.newContext(o);
        context.setDefaultTimeout(TIMEOUT_MS);
        context.setDefaultNavigationTimeout(TIMEOUT_MS);
        contexts.add(context);
        return context.newPage();
    }

    /** Saves the whole page as target/screenshots/NAME.png and returns that path. */
    public Path screenshot(Page p, String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /** Saves this test's main page as target/screenshots/NAME.png. */
    public Path screenshot(String name) {
        return screenshot(page(), name);
    }
}
