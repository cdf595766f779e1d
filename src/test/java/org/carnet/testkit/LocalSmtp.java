package org.carnet.testkit;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;

/**
 * A real SMTP server on this machine (GreenMail) for what Carnet mails. Its port is chosen before either
 * extension starts, since the Carnet server must know where to send ({@link CarnetExtension#sqliteWithMail}):
 * <pre>
 * static final int SMTP_PORT = LocalSmtp.freePort();
 * &#64;RegisterExtension static final CarnetExtension carnet = CarnetExtension.sqliteWithMail(SMTP_PORT);
 * &#64;RegisterExtension static final GreenMailExtension smtp = LocalSmtp.at(SMTP_PORT);
 * </pre>
 */
public final class LocalSmtp {

    private LocalSmtp() {
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static GreenMailExtension at(int port) {
        return new GreenMailExtension(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }
}
