package ca.gagephysio.inquiry.reply;

import java.util.Map;

import ca.gagephysio.inquiry.reply.Placeholders.Placeholder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceholdersTests {

	@Test
	void eachKnownPlaceholderIsReplacedByItsValueWordForWord() {
		String filled = Placeholders.fill("Hello {firstName}, about {reference}: call {clinicPhone}.",
				Map.of(Placeholder.FIRST_NAME, "Zoé", Placeholder.REFERENCE, "GP-7K3M", Placeholder.CLINIC_PHONE,
						"905-555-0100"));

		assertThat(filled).isEqualTo("Hello Zoé, about GP-7K3M: call 905-555-0100.");
	}

	@Test
	void aValueIsNeverReadAsAPlaceholderOrAReplacementPattern() {
		// A visitor chose their name: braces, dollar signs and backslashes in it are text, inserted as typed.
		String filled = Placeholders.fill("Hello {firstName} ({reference})",
				Map.of(Placeholder.FIRST_NAME, "{reference}$1\\", Placeholder.REFERENCE, "GP-1"));

		assertThat(filled).isEqualTo("Hello {reference}$1\\ (GP-1)");
	}

	@Test
	void unknownNamesInBracesAreFoundOnceEachAndOtherBracesAreText() {
		assertThat(Placeholders.unknownIn("Hi {firstname}, {FirstName} {price} {price} {firstName} { } {two words} {}"))
			.containsExactly("{firstname}", "{FirstName}", "{price}");
		assertThat(Placeholders.unknownIn("Plain text, no braces")).isEmpty();
		assertThat(Placeholders.unknownIn(null)).isEmpty();
	}

	@Test
	void aPlaceholderWithoutAValueIsLeftAsWrittenAndReportedAsUsed() {
		assertThat(Placeholders.fill("Book at {bookingLink}", Map.of())).isEqualTo("Book at {bookingLink}");
		assertThat(Placeholders.usedIn("{bookingLink} and {firstName} and {bookingLink}"))
			.containsExactly(Placeholder.BOOKING_LINK, Placeholder.FIRST_NAME);
	}

	@Test
	void theFirstNameIsTheFirstWordOfTheNameGivenAsTyped() {
		assertThat(Placeholders.firstNameOf("  Mary Anne   Smith ")).isEqualTo("Mary");
		assertThat(Placeholders.firstNameOf("Jean-Luc Picard")).isEqualTo("Jean-Luc");
		assertThat(Placeholders.firstNameOf("Dr. Chen")).isEqualTo("Dr.");
		assertThat(Placeholders.firstNameOf("Cher")).isEqualTo("Cher");
		assertThat(Placeholders.firstNameOf(null)).isEmpty();
		assertThat(Placeholders.firstNameOf("   ")).isEmpty();
	}

}
