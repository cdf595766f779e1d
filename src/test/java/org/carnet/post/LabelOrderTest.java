package org.carnet.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Labels are sorted as a reader of French or English sorts words, not by character code (which put capitals first
 * and accented letters last): in the sidebar, under a post, in the editor and its suggestions alike (a preview
 * and a save sort what was typed with Labels.parse).
 */
class LabelOrderTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final List<String> EXPECTED = List.of("art", "Asie", "Économie", "été", "voyage", "Zoo");

    @Test
    void theOrderIsTheDictionarys() {
        List<String> shuffled = new ArrayList<>(List.of("Zoo", "été", "voyage", "Asie", "Économie", "art"));
        shuffled.sort(Labels.ORDER);
        assertThat(shuffled).isEqualTo(EXPECTED);
        assertThat(Labels.parse("Zoo, été, voyage, Asie, Économie, art")).isEqualTo(EXPECTED);
    }

    @Test
    void everyPlaceShowsLabelsInThatOrder() {
        User owner = carnet.user("owner@labels.test", "Owner", "mot de passe assez long");
        Blog blog = carnet.blog(owner, "libelles");
        long id = carnet.services().posts.create(Viewer.of(owner), blog, new PostInput(Post.Kind.POST, "Étiqueté",
                BodyFormat.HTML, "<p>Texte.</p>", "Zoo, été, voyage, Asie, Économie, art", "", "", ""),
                PostService.Intent.PUBLISH);
        String path = "/libelles" + carnet.services().posts.requireEditable(Viewer.of(owner), blog, id).path();
        WebClient reader = carnet.client();
        var page = reader.get(path).doc();
        assertThat(page.select("#blog-labels a").eachText()).isEqualTo(EXPECTED);
        assertThat(page.select(".post-footer .labels a").eachText()).isEqualTo(EXPECTED);
        WebClient author = carnet.signedIn("owner@labels.test", "mot de passe assez long");
        var editor = author.get("/libelles/admin/posts/" + id + "/edit").doc();
        assertThat(editor.select("#known-labels option").eachAttr("value")).isEqualTo(EXPECTED);
        assertThat(editor.selectFirst("#labels").attr("value")).isEqualTo(String.join(", ", EXPECTED));
    }
}
