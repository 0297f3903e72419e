package ca.gagephysio.site;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import ca.gagephysio.clinic.ClinicProperties;
import ca.gagephysio.clinic.FixedClinicFacts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The address the reply page names is the one the email carries: the mailbox the site reads answers from when there
 * is one (found on a new user's try: the page named the clinic's public email while the emails carried the inbound
 * mailbox), else {@code clinic.mail.reply-to}, else the clinic's email.
 */
class ReplyToAddressTests {

	private final ClinicProperties clinic = new ClinicProperties("Clinic", URI.create("https://clinic.example/"),
			"905-555-0100", "info@clinic.example",
			new ClinicProperties.Address("1 Main St", "Hamilton", "ON", "L8A 0A0", "CA"),
			new ClinicProperties.Geo(43.2, -79.8), ZoneId.of("America/Toronto"),
			List.of(new ClinicProperties.OpeningHours(Set.of(DayOfWeek.MONDAY), LocalTime.of(8, 0),
					LocalTime.of(17, 30))),
			true, false, null, false);

	@Test
	void theMailboxTheSiteReadsWinsOverTheSettingAndTheClinicsEmail() {
		assertThat(replyTo("frontdesk@clinic.example", mailbox(Optional.of("answers@clinic.example"))).address())
			.contains("answers@clinic.example");
	}

	@Test
	void withoutAMailboxTheSettingAndThenTheClinicsEmailAreUsed() {
		assertThat(replyTo("frontdesk@clinic.example", mailbox(Optional.empty())).address())
			.contains("frontdesk@clinic.example");
		assertThat(replyTo("", mailbox(Optional.empty())).address()).contains("info@clinic.example");
		assertThat(replyTo("", new DefaultListableBeanFactory().getBeanProvider(ReplyToAddress.Mailbox.class))
			.address()).contains("info@clinic.example");
	}

	private ReplyToAddress replyTo(String configured, ObjectProvider<ReplyToAddress.Mailbox> mailbox) {
		return new ReplyToAddress(FixedClinicFacts.of(clinic), configured, mailbox);
	}

	private static ObjectProvider<ReplyToAddress.Mailbox> mailbox(Optional<String> address) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("mailbox", (ReplyToAddress.Mailbox) () -> address);
		return beans.getBeanProvider(ReplyToAddress.Mailbox.class);
	}

}
