package ca.gagephysio.notification;

import jakarta.mail.util.StreamProvider;

import org.eclipse.angus.mail.util.MailStreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Has Jakarta Mail find its {@link StreamProvider} by name instead of searching the class path for it each time.
 * <p>
 * Jakarta Mail 2.1 (jakarta.mail-api 2.1.5, the version Spring Boot 4.0 manages) asks
 * {@link StreamProvider#provider()} for every {@code MimeBodyPart} and {@code MimeMultipart} it creates and every part
 * it writes out, and that method looks the provider up afresh each time through {@link java.util.ServiceLoader}: a
 * search of every jar's {@code META-INF/services}, never cached (reported upstream as jakartaee/mail-api#699 and
 * #861, still open). In a profile of the test suite that search was about half of the outbox sender's CPU time, for
 * emails of three or four parts (docs/performance.md, "CI time, fourth pass"); a clinic's server pays it on every
 * email sent and every answer read from the mailbox.
 * <p>
 * The look-up's own first step ({@code jakarta.mail.util.FactoryFinder}) is the system property named after the
 * interface, {@code jakarta.mail.util.StreamProvider}; this sets it, when the application starts, to the
 * implementation on the class path, Eclipse Angus Mail's {@link MailStreamProvider} (the one its
 * {@code META-INF/services} file names), unless it was already set (by {@code -D}, say). Jakarta Mail then loads
 * that class by name, which the class loader answers from what it has already loaded. Nothing of the library is
 * replaced: this only answers its look-up the way its documentation allows. {@code StreamProviderLookupTests}
 * checks the name still matches what the class path declares, so a renamed implementation fails a test rather
 * than every email.
 */
@Component
class StreamProviderLookup {

	private static final Logger log = LoggerFactory.getLogger(StreamProviderLookup.class);

	/** The system property Jakarta Mail's look-up reads first: the interface's name. */
	static final String PROPERTY = StreamProvider.class.getName();

	StreamProviderLookup() {
		String set = System.getProperty(PROPERTY);
		if (set == null) {
			System.setProperty(PROPERTY, MailStreamProvider.class.getName());
		}
		else if (!set.equals(MailStreamProvider.class.getName())) {
			log.info("Jakarta Mail's stream provider is set to {} ({}), not Angus Mail's", set, PROPERTY);
		}
	}

}
