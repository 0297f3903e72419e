package ca.gagephysio.notification;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A fresh {@link SmtpServer} for each test, on the port the shared test context's {@code spring.mail.port} names,
 * stopped after it. Register it on an integration test as
 * {@code @RegisterExtension final SmtpServerPerTest smtp = new SmtpServerPerTest();}.
 */
final class SmtpServerPerTest implements BeforeEachCallback, AfterEachCallback {

	private SmtpServer server;

	/** The running server of the current test. */
	SmtpServer server() {
		if (server == null) {
			throw new IllegalStateException("the SMTP server runs only during a test");
		}
		return server;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		int port = SpringExtension.getApplicationContext(context)
			.getEnvironment()
			.getRequiredProperty("spring.mail.port", Integer.class);
		server = SmtpServer.startOn(port);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (server != null) {
			server.stop();
			server = null;
		}
	}

}
