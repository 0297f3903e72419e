package ca.gagephysio.notification;

import java.io.IOException;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An address with letters beyond ASCII before the {@code @} (RFC 6531) is delivered with SMTPUTF8 when the mail
 * server announces it: {@code SMTPUTF8} on {@code MAIL FROM}, the address in UTF-8 on {@code RCPT TO} and in the
 * {@code To} header. The server is {@link ScriptedSmtpServer}, since GreenMail announces no SMTPUTF8 (what happens
 * then is in {@link InternationalAddressTests}).
 */
@ClinicIntegrationTest
class SmtpUtf8AddressTests {

	private final SubmittedInquiries inquiries;

	private final NotificationRepository notifications;

	private final int smtpPort;

	private ScriptedSmtpServer smtp;

	@Autowired
	SmtpUtf8AddressTests(InquiryRepository inquiryRepository, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, NotificationRepository notifications,
			@Value("${spring.mail.port}") int smtpPort) {
		this.inquiries = new SubmittedInquiries(inquiryRepository, events, transactionManager);
		this.notifications = notifications;
		this.smtpPort = smtpPort;
	}

	@AfterEach
	void stopSmtpServer() throws IOException {
		if (smtp != null) {
			smtp.close();
		}
	}

	@Test
	void anAddressWithAccentsBeforeTheAtIsDeliveredWithSmtpUtf8WhenTheServerOffersIt() throws IOException {
		smtp = ScriptedSmtpServer.startOn(smtpPort).offeringSmtpUtf8();
		Inquiry inquiry = inquiries.submit("Jörg Umlaut", "jörg@bücher.example", "Hello");

		await().untilAsserted(() -> assertThat(acknowledgementOf(inquiry).getState())
			.isEqualTo(Notification.State.SENT));

		List<String> delivered = smtp.deliveredTo("jörg@xn--bcher-kva.example");
		assertThat(delivered).singleElement()
			.satisfies(message -> assertThat(message).contains("To: jörg@xn--bcher-kva.example")
				.contains(inquiry.getReference()));
		assertThat(smtp.mailFromCommands()).anyMatch(command -> command.endsWith(" SMTPUTF8"));
	}

	private Notification acknowledgementOf(Inquiry inquiry) {
		return notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiry.getId())
			.stream()
			.filter(row -> !row.isStaffAlert())
			.findFirst()
			.orElseThrow();
	}

}
