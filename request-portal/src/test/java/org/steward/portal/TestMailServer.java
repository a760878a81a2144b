package org.steward.portal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

/**
 * The SMTP server of the tests (GreenMail, in this JVM), on a free port chosen once: the one Spring context of all
 * integration tests sends to it. A test can stop it to play a mail server that is down, and start it again.
 */
public final class TestMailServer {

    private static final int PORT = freePort();
    private static GreenMail server = started();

    private TestMailServer() {
    }

    public static int port() {
        return PORT;
    }

    /** Every message received since the server (re)started, oldest first. */
    public static synchronized List<MimeMessage> received() {
        return List.of(server.getReceivedMessages());
    }

    /** The mail server goes down: connections are refused until {@link #start()}. */
    public static synchronized void stop() {
        server.stop();
    }

    /** The mail server comes back on the same port, with an empty store. */
    public static synchronized void start() {
        server = started();
    }

    private static GreenMail started() {
        GreenMail mail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
