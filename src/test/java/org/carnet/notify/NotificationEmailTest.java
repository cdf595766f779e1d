package org.carnet.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.carnet.blog.Blog;
import org.carnet.comment.CommentDraft;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BlogReader;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Notifications reach their readers by email through a real SMTP server, each exactly once. */
class NotificationEmailTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP));

    @Test
    void aNewCommentIsEmailedToThePostsAuthorOnceInTheBlogsLanguage() throws Exception {
        User author = carnet.user("plume@mail.test", "Plume", "mot de passe du courrier");
        User reader = carnet.user("lecteur@mail.test", "Lecteur", "mot de passe du courrier");
        Blog blog = carnet.blog(author, "courrier", "language", "fr", "comment-policy", "registered");
        carnet.services().posts.create(Viewer.of(author), blog, new PostInput(Post.Kind.POST, "Été à Almaty",
                BodyFormat.HTML, "<p>Texte.</p>", "", "", "", ""), PostService.Intent.PUBLISH);
        BlogReader.Entry entry = carnet.services().reader.home(blog, null, 1).entries().get(0);
        String form = carnet.services().comments.block(Viewer.of(reader), blog, entry.post(), null).formToken();
        carnet.clock().advance(Duration.ofSeconds(5));
        carnet.services().comments.submit(Viewer.of(reader), blog, entry.post(), new CommentDraft(
                "Très « bel » article.\nMerci.", null, null, null, "", form, null, "10.0.0.1"));

        Mailer mailer = new SmtpMailer(new MailSettings("127.0.0.1", smtp.getSmtp().getPort(), "", "",
                "carnet@mail.test", false));
        assertThat(carnet.services().notifications.sendEmails(mailer, "https://blogs.example")).isEqualTo(1);
        assertThat(carnet.services().notifications.sendEmails(mailer, "https://blogs.example")).isZero();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("plume@mail.test");
        assertThat(mail.getSubject()).isEqualTo("Nouveau commentaire sur «\u00a0Été à Almaty\u00a0»");
        String body = mail.getContent().toString();
        assertThat(body).contains("Lecteur a commenté «\u00a0Été à Almaty\u00a0»").contains("Très « bel » article.")
                .contains("https://blogs.example/courrier" + entry.post().path() + "#c");
    }

    @Test
    void anUnreachableServerLosesNothing() {
        User author = carnet.user("perdu@mail.test", "Perdu", "mot de passe du courrier");
        User reader = carnet.user("autre@mail.test", "Autre", "mot de passe du courrier");
        Blog blog = carnet.blog(author, "perdu", "language", "en", "comment-policy", "registered");
        carnet.services().posts.create(Viewer.of(author), blog, new PostInput(Post.Kind.POST, "Lost?",
                BodyFormat.HTML, "<p>Text.</p>", "", "", "", ""), PostService.Intent.PUBLISH);
        Post post = carnet.services().reader.home(blog, null, 1).entries().get(0).post();
        String form = carnet.services().comments.block(Viewer.of(reader), blog, post, null).formToken();
        carnet.clock().advance(Duration.ofSeconds(5));
        carnet.services().comments.submit(Viewer.of(reader), blog, post, new CommentDraft("Hello", null, null,
                null, "", form, null, "10.0.0.2"));
        Mailer down = (to, subject, body) -> {
            throw new MailException("SMTP server down", null);
        };
        // The first run sends what is pending from other tests' blogs too; this one must fail and stay pending.
        carnet.services().notifications.sendEmails(down, "http://x");
        Mailer mailer = new SmtpMailer(new MailSettings("127.0.0.1", smtp.getSmtp().getPort(), "", "",
                "carnet@mail.test", false));
        assertThat(carnet.services().notifications.sendEmails(mailer, "http://x")).isGreaterThanOrEqualTo(1);
        assertThat(smtp.getReceivedMessages()).anySatisfy(m -> assertThat(m.getSubject())
                .isEqualTo("New comment on “Lost?”"));
    }
}
