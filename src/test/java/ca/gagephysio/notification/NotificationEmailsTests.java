package ca.gagephysio.notification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Only a single plain address can become a recipient, and nothing reaches a subject on more than one line.
 */
class NotificationEmailsTests {

	@ParameterizedTest
	@ValueSource(strings = { "ann@x.example\r\nBcc: eve@attacker.example", "ann@x.example\nCc: eve@attacker.example",
			"Ann <ann@x.example>", "ann@x.example, eve@attacker.example", "ann@x.example eve@attacker.example",
			"not an address", " " })
	void refusesAnythingButOnePlainAddress(String given) {
		assertThatThrownBy(() -> NotificationEmails.address(given))
			.isInstanceOf(NotificationEmails.InvalidRecipientException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ann@x.example", " ann.o-brien+clinic@mail.x.example " })
	void acceptsAPlainAddress(String given) {
		assertThat(NotificationEmails.address(given).getAddress()).isEqualTo(given.strip());
	}

	@ParameterizedTest
	@ValueSource(strings = { "GP-7\r\nBcc: eve@attacker.example", "GP-7\nBcc: eve@attacker.example",
			"GP-7\u0000\u000bBcc: eve@attacker.example" })
	void aSubjectIsAlwaysOneLine(String subject) {
		assertThat(NotificationEmails.oneLine(subject)).isEqualTo("GP-7 Bcc: eve@attacker.example");
	}

	@ParameterizedTest
	@ValueSource(strings = { "joerg@bücher.example", " joerg@BÜCHER.example " })
	void anInternationalizedDomainIsAddressedInItsAsciiForm(String given) {
		assertThat(NotificationEmails.address(given).getAddress()).isEqualTo("joerg@xn--bcher-kva.example");
	}

	@Test
	void lettersBeyondAsciiBeforeTheAtAreKeptForSmtpUtf8() {
		assertThat(NotificationEmails.address("jörg@bücher.example").getAddress())
			.isEqualTo("jörg@xn--bcher-kva.example");
	}

	@ParameterizedTest
	@ValueSource(strings = { "post@faß.example", "jörg@faß.example" })
	void anAddressWhoseDomainCannotBePutInAsciiIsNotARecipient(String given) {
		assertThatThrownBy(() -> NotificationEmails.address(given))
			.isInstanceOf(NotificationEmails.InvalidRecipientException.class);
	}

}
