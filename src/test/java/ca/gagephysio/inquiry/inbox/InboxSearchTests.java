package ca.gagephysio.inquiry.inbox;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Staff find a person whatever equivalent form either side wrote: Unicode normalization forms, typographic or
 * straight punctuation, case, accents, and any way of writing one phone number. Through the inbox's own search
 * (MockMvc, signed in as staff). Each test's people carry a made-up surname of their own, so a search that also
 * names it can only find that test's inquiries in the shared database.
 */
@ClinicIntegrationTest
class InboxSearchTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	StaffAccounts accounts;

	RequestPostProcessor staff;

	/** A surname no other test uses, e.g. {@code Qxkwmbzt}. */
	String surname;

	@BeforeEach
	void signIn() {
		staff = StaffTestAccounts.signedIn(
				StaffTestAccounts.forTheClass(getClass(), accounts, "Searcher", StaffRole.STAFF), "STAFF");
		StringBuilder letters = new StringBuilder("Qx");
		for (int i = 0; i < 8; i++) {
			letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		surname = letters.toString();
	}

	// --- Unicode normalization forms --------------------------------------------------------------------------

	@Test
	void aNamePastedDecomposedIsStoredComposedAndFoundByTheNameTypedNormally() throws Exception {
		Inquiry inquiry = save("Zoe\u0301 Mu\u0308ller " + surname);

		assertThat(inquiries.findById(inquiry.getId()).orElseThrow().getName()).isEqualTo("Zo\u00e9 M\u00fcller " + surname);
		assertFoundBy(inquiry, "Zo\u00e9 " + surname, "M\u00fcller " + surname, "zo\u00e9 m\u00fcller " + surname);
		assertThat(search("Zo\u00e9")).as("newest first, on its own").contains(inquiry.getReference());
	}

	@Test
	void aNameTypedComposedIsFoundByASearchPastedDecomposed() throws Exception {
		Inquiry inquiry = save("Zo\u00e9 M\u00fcller " + surname);

		assertFoundBy(inquiry, "Zoe\u0301 " + surname, "Mu\u0308ller " + surname);
	}

	@Test
	void compatibilityFormsAreTheSameLetters() throws Exception {
		Inquiry inquiry = save("\uFF2D\uFF41\uFF52\uFF49\uFF45 Gra\uFB00 " + surname); // full-width Marie, "ff" ligature

		assertFoundBy(inquiry, "Marie " + surname, "Graff " + surname);
	}

	// --- accents and case -------------------------------------------------------------------------------------

	@Test
	void aSearchTypedWithoutAccentsFindsANameWrittenWithThem() throws Exception {
		Inquiry zoe = save("Zo\u00e9 Bront\u00eb " + surname);
		Inquiry francois = save("Fran\u00e7ois \u00c9mond " + surname);

		assertFoundBy(zoe, "Zoe " + surname, "Bronte " + surname);
		assertFoundBy(francois, "Francois " + surname, "Emond " + surname);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ZO\u00c9", "zo\u00e9", "zOe", "M\u00dcLLER", "muller" })
	void caseDoesNotMatter(String typed) throws Exception {
		Inquiry inquiry = save("Zo\u00e9 M\u00fcller " + surname);

		assertFoundBy(inquiry, typed + " " + surname.toUpperCase());
	}

	@Test
	void aSearchWithAccentsFindsTheSameLettersWrittenWithout() throws Exception {
		Inquiry inquiry = save("Zoe Muller " + surname);

		assertFoundBy(inquiry, "Zo\u00e9 M\u00fcller " + surname);
	}

	// --- typographic and straight punctuation -----------------------------------------------------------------

	@Test
	void aTypographicApostropheIsFoundByAStraightOneAndTheOtherWayRound() throws Exception {
		Inquiry typographic = save("Siobh\u00e1n O\u2019Brien " + surname);
		Inquiry straight = save("Liam O'Brien " + surname);

		assertFoundBy(typographic, "O'Brien " + surname, "o'brien " + surname, "OBrien " + surname,
				"Brien " + surname);
		assertFoundBy(straight, "O\u2019Brien " + surname, "O\u2018Brien " + surname);
	}

	@Test
	void typographicQuotesAndDashesAreFoundByStraightOnes() throws Exception {
		Inquiry inquiry = save("Robert \u201cBob\u201d Smith\u2013Jones " + surname);

		assertFoundBy(inquiry, "\"Bob\" " + surname, "Bob " + surname, "Smith-Jones " + surname, "Jones " + surname);
	}

	@Test
	void anEmailIsFoundFromItsStartOrFromItsDomain() throws Exception {
		String local = "zoe." + surname.toLowerCase();
		Inquiry inquiry = inquiries.save(TestInquiries.from("Someone " + surname, local + "@Example.org", null,
				Instant.now()));

		assertFoundBy(inquiry, local + "@example.org", local.toUpperCase(), surname + "@example.org");
	}

	@Test
	void aReferenceIsFoundWhateverItsCase() throws Exception {
		Inquiry inquiry = save("Reference " + surname);

		assertFoundBy(inquiry, inquiry.getReference().toLowerCase(), inquiry.getReference());
	}

	@Test
	void aSearchMatchesTheStartOfAWordNotItsMiddle() throws Exception {
		// The documented trade-off of an indexed search: word prefixes, not any substring.
		Inquiry inquiry = save("Anna O'Brien " + surname);

		assertThat(search("rien " + surname)).doesNotContain(inquiry.getReference());
		assertThat(search("Anna " + surname.substring(0, 5))).contains(inquiry.getReference());
	}

	@Test
	void everyWordTypedMustMatch() throws Exception {
		Inquiry inquiry = save("Zo\u00e9 M\u00fcller " + surname);

		assertThat(search("Zo\u00e9 Nobodyelse " + surname)).doesNotContain(inquiry.getReference());
	}

	// --- phone numbers written any way ------------------------------------------------------------------------

	@Test
	void aPhoneNumberIsFoundHoweverEitherSideWroteIt() throws Exception {
		String last4 = fourDigits();
		Inquiry dotted = withPhone("(905) 555." + last4);
		Inquiry international = withPhone("+1 905 555 " + last4);

		for (Inquiry inquiry : new Inquiry[] { dotted, international }) {
			assertFoundBy(inquiry, "+1 905 555 " + last4, "(905) 555." + last4, "905-555-" + last4,
					"1 (905) 555-" + last4, "905555" + last4, "+1.905.555." + last4, "555-" + last4);
		}
	}

	@Test
	void aNumberFromAnotherCountryIsFoundByItsInternationalForms() throws Exception {
		String last3 = fourDigits().substring(1);
		Inquiry inquiry = withPhone("+44 20 7946 0" + last3);

		assertFoundBy(inquiry, "+44 20 7946 0" + last3, "011 44 20 7946 0" + last3, "+44 (0)20 7946 0" + last3,
				"+442079460" + last3);
	}

	private Inquiry save(String name) {
		return inquiries.save(TestInquiries.from(name));
	}

	private Inquiry withPhone(String phone) {
		return inquiries.save(TestInquiries.from("Phone " + surname, "p-" + UUID.randomUUID() + "@example.com", phone,
				Instant.now()));
	}

	private static String fourDigits() {
		return String.valueOf(1000 + ThreadLocalRandom.current().nextInt(9000));
	}

	private void assertFoundBy(Inquiry inquiry, String... queries) throws Exception {
		for (String query : queries) {
			assertThat(search(query)).as("searching for %s", query).contains(inquiry.getReference());
		}
	}

	private String search(String query) throws Exception {
		return mvc.perform(get("/staff/inquiries").param("q", query).with(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
