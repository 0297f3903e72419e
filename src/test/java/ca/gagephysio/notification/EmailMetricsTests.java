package ca.gagephysio.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.ManagementServer;
import ca.gagephysio.SettableClock;
import ca.gagephysio.inquiry.InquirySubmitted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's gauges on the management port: emails waiting to go out, and emails that failed and wait for a
 * person. Figures are kept for 30 s, so the test moves the clock on to read them again.
 */
@ClinicIntegrationTest
class EmailMetricsTests {

	@LocalManagementPort
	int managementPort;

	@Autowired
	NotificationRepository notifications;

	@Autowired
	SettableClock clock;

	private final List<Notification> saved = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		notifications.deleteAll(saved);
		clock.reset();
	}

	@Test
	void pendingAndFailedEmailsAreCounted() {
		ManagementServer management = new ManagementServer(managementPort);
		clock.advance(Duration.ofMinutes(1));
		double pending = management.value("clinic_emails{state=\"pending\"}").orElseThrow();
		double failed = management.value("clinic_emails{state=\"failed\"}").orElseThrow();
		InquirySubmitted inquiry = new InquirySubmitted(987654321L, "GP-METRIC", "back-pain", Instant.now(), null);
		// Due in an hour, so the sender leaves it alone while the test reads the figures.
		saved.add(notifications.save(Notification.staffAlert(inquiry, "front-desk@example.com",
				Instant.now().plus(Duration.ofHours(1)))));
		saved.add(notifications.save(Notification.staffAlertToNobody(inquiry, Instant.now())));

		clock.advance(Duration.ofSeconds(31));

		assertThat(management.value("clinic_emails{state=\"pending\"}")).hasValue(pending + 1);
		assertThat(management.value("clinic_emails{state=\"failed\"}")).hasValue(failed + 1);
		assertThat(management.value("clinic_emails{state=\"refused\"}")).isPresent();
	}

}
