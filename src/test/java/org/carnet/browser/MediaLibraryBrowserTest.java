package org.carnet.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.carnet.core.User;
import org.carnet.testkit.BrowserExtension;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The media library in a real browser: an image added with the file picker, another dropped on the form. */
@Tier.Browser
class MediaLibraryBrowserTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @RegisterExtension
    static final BrowserExtension browser = BrowserExtension.chromium(carnet::baseUrl);

    private static final String PASSWORD = "une phrase de passe pour les images";

    private static byte[] png(int width, int height, Color color) throws Exception {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void anAuthorAddsImagesByPickerAndByDragAndDrop() throws Exception {
        User owner = carnet.user("owner@media-browser.test", "Owner", PASSWORD);
        carnet.blog(owner, "album", "language", "en");
        Page page = browser.page();
        page.navigate("/account/signin");
        page.locator("form#signin [name=email]").fill("owner@media-browser.test");
        page.locator("form#signin [name=password]").fill(PASSWORD);
        page.locator("form#signin").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page).hasURL(carnet.baseUrl() + "/dashboard");

        page.navigate("/album/admin/media");
        assertThat(page.locator("#no-media")).isVisible();
        // The script ran (the page allows its own script): it offers dropping.
        assertThat(page.locator("#media-drop-hint")).isVisible();

        Path picked = Files.write(Files.createTempDirectory("picker").resolve("rouge.png"), png(400, 300, Color.RED));
        page.locator("#media-file").setInputFiles(picked);
        page.locator("#media-alt").fill("Un carré rouge");
        page.locator("form#media-upload").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add").setExact(true))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/album/admin/media\\?uploaded=1$"));
        assertThat(page.locator("p.notice")).hasText("1 image added.");
        assertThat(page.locator("#media-grid img")).hasCount(1);
        assertThat(page.locator("#media-grid img").first()).hasAttribute("alt", "Un carré rouge");

        // A file dropped on the form: what a person dragging it from their desktop does, as DOM events.
        String bytes = Base64.getEncoder().encodeToString(png(500, 200, Color.BLUE));
        page.evaluate("""
                b64 => {
                  const bin = atob(b64);
                  const data = new Uint8Array(bin.length);
                  for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
                  const dt = new DataTransfer();
                  dt.items.add(new File([data], 'bleu.png', {type: 'image/png'}));
                  const zone = document.getElementById('media-drop');
                  zone.dispatchEvent(new DragEvent('dragenter', {dataTransfer: dt, bubbles: true, cancelable: true}));
                  zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
                  zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
                }""", bytes);
        assertThat(page.locator("#media-grid img")).hasCount(2);
        assertThat(page.locator("#media-grid .media-name")).containsText(new String[] {"bleu.png", "rouge.png"});
        // The thumbnails are real images the browser decoded (a 320 px variant, or the original when narrower).
        for (Locator img : page.locator("#media-grid img").all()) {
            Object width = img.evaluate("i => i.decode().then(() => i.naturalWidth)");
            assertThat(((Number) width).intValue()).isEqualTo(320);
        }
        long rows = carnet.services().db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM media")
                .mapTo(Long.class).one());
        assertThat(rows).isEqualTo(2L);

        // No serious or critical accessibility violation on the library, an image's page, its deletion question.
        String image = page.locator("#media-grid a").first().getAttribute("href");
        List<String> problems = new ArrayList<>();
        for (String path : List.of("/album/admin/media", image, image + "/delete")) {
            page.navigate(path);
            AxeResults results = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                    "wcag22aa")).analyze();
            for (Rule rule : results.getViolations()) {
                if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                    rule.getNodes().forEach(n -> problems.add(path + ": " + rule.getId() + " at " + n.getTarget()));
                }
            }
        }
        assertThat(problems).as("serious or critical violations").isEmpty();
    }
}
