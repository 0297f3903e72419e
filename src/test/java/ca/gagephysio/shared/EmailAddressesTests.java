package ca.gagephysio.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An address goes to SMTP in ASCII: internationalized domains as A-labels (RFC 5890/5891), local parts untouched,
 * and what cannot be put in ASCII without guessing is refused with the reason.
 */
class EmailAddressesTests {

	@ParameterizedTest
	@CsvSource({ "joerg@bücher.example, joerg@xn--bcher-kva.example",
			"info@παράδειγμα.example, info@xn--hxajbheg2az3al.example",
			"Maria@BÜCHER\u3002example, Maria@xn--bcher-kva.example",
			"kontakt@münchen.bücher.example, kontakt@xn--mnchen-3ya.xn--bcher-kva.example",
			"'  ann.o-brien+clinic@mail.x.example ', ann.o-brien+clinic@mail.x.example",
			"Ann@Example.COM, Ann@Example.COM" })
	void internationalizedDomainsBecomeALabelsAndTheRestIsLeftAlone(String typed, String ascii) {
		assertThat(EmailAddresses.toAscii(typed)).isEqualTo(ascii);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jörg@bücher.example", "用户@例子.example", "zoë@example.com" })
	void aLocalPartBeyondAsciiIsRefusedBecauseItWouldNeedSmtputf8(String typed) {
		assertThatThrownBy(() -> EmailAddresses.toAscii(typed)).isInstanceOfSatisfying(
				EmailAddresses.UnusableAddress.class,
				unusable -> assertThat(unusable.reason()).isEqualTo(EmailAddresses.Reason.NON_ASCII_LOCAL_PART));
	}

	@Test
	void withSmtpUtf8TheLocalPartIsKeptInNfcAndTheDomainPutInAscii() {
		// "zoe" + combining diaeresis, as some keyboards type it, is sent as the one letter ë (RFC 6532 section 3.1)
		assertThat(EmailAddresses.toSmtpUtf8(" zoe\u0308@bücher.example ")).isEqualTo("zo\u00eb@xn--bcher-kva.example");
		assertThat(EmailAddresses.toSmtpUtf8("用户@例子.example")).startsWith("用户@xn--");
		assertThat(EmailAddresses.needsSmtpUtf8("jörg@example.com")).isTrue();
		assertThat(EmailAddresses.needsSmtpUtf8("joerg@bücher.example")).isFalse();
		assertThat(EmailAddresses.needsSmtpUtf8(null)).isFalse();
		assertThatThrownBy(() -> EmailAddresses.toSmtpUtf8("jörg@faß.example"))
			.isInstanceOf(EmailAddresses.UnusableAddress.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "post@faß.example", "a@ς.example", "a@bü_cher.example", "a@bü..example" })
	void aDomainIdnaCannotConvertOrWouldConvertDifferentlyIsRefused(String typed) {
		assertThatThrownBy(() -> EmailAddresses.toAscii(typed)).isInstanceOfSatisfying(
				EmailAddresses.UnusableAddress.class,
				unusable -> assertThat(unusable.reason()).isEqualTo(EmailAddresses.Reason.INVALID_DOMAIN));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "no-at-sign", "@bücher.example", "joerg@" })
	void somethingThatIsNotAnAddressIsRefused(String typed) {
		assertThatThrownBy(() -> EmailAddresses.toAscii(typed)).isInstanceOfSatisfying(
				EmailAddresses.UnusableAddress.class,
				unusable -> assertThat(unusable.reason()).isEqualTo(EmailAddresses.Reason.MALFORMED));
	}

	@Test
	void anAddressLongerThanAnSmtpPathAllowsOnceConvertedIsRefused() {
		String local = "a".repeat(64);
		String labels = "bücher" + ".ü".repeat(80) + ".example";
		assertThatThrownBy(() -> EmailAddresses.toAscii(local + "@" + labels))
			.isInstanceOf(EmailAddresses.UnusableAddress.class);
	}

}
