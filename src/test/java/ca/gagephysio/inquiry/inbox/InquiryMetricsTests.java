package ca.gagephysio.inquiry.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.ManagementServer;
import ca.gagephysio.SettableClock;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The inbox's gauges as a Prometheus scraper reads them on the management port: inquiries by status, and the
 * opening hours the longest-waiting new inquiry has waited. The figures are kept for {@code clinic.metrics.max-age}
 * (30 s), so these tests move the application's clock on to see a change.
 */
@ClinicIntegrationTest
class InquiryMetricsTests {

	private static final ZoneId TORONTO = ZoneId.of("America/Toronto");

	@LocalManagementPort
	int managementPort;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	FirstResponseDue firstResponseDue;

	@Autowired
	SettableClock clock;

	ManagementServer management;

	Inquiry stored;

	@BeforeEach
	void scraper() {
		management = new ManagementServer(managementPort);
	}

	@AfterEach
	void cleanUp() {
		if (stored != null) {
			inquiries.deleteById(stored.getId());
		}
		clock.reset();
	}

	@Test
	void aNewInquiryIsCountedUnderNewOnceTheFiguresAreRead() {
		clock.advance(Duration.ofMinutes(1));
		double before = newInquiries();
		stored = inquiries.save(TestInquiries.from("Metric Counted"));

		assertThat(newInquiries()).as("kept for 30 s: no query per scrape").isEqualTo(before);
		clock.advance(Duration.ofSeconds(31));
		assertThat(newInquiries()).isEqualTo(before + 1);
		assertThat(management.value("clinic_inquiries{status=\"SPAM\"}")).isPresent();
		assertThat(management.value("clinic_inquiries{status=\"CLOSED\"}")).isPresent();
	}

	@Test
	void theOldestUnansweredInquiryIsMeasuredInOpeningHours() {
		// Long before any inquiry another test stores, so it is the longest-waiting NEW one.
		Instant received = LocalDateTime.of(2020, 1, 3, 16, 0).atZone(TORONTO).toInstant();
		stored = inquiries.save(TestInquiries.from("Metric Waiting", TestInquiries.uniqueEmail(), "905-555-0142",
				received));
		Instant monday = LocalDateTime.of(2020, 1, 6, 9, 30).atZone(TORONTO).toInstant();
		clock.set(monday);

		double waited = management.value("clinic_inquiries_oldest_unanswered_seconds").orElseThrow();

		assertThat(waited).isCloseTo(firstResponseDue.openTimeBetween(received, monday).toSeconds(), within(5.0));
		assertThat(waited).as("far less than the 65.5 hours of calendar time").isLessThan(Duration.ofHours(12).toSeconds());
	}

	private double newInquiries() {
		return management.value("clinic_inquiries{status=\"NEW\"}").orElseThrow();
	}

}
