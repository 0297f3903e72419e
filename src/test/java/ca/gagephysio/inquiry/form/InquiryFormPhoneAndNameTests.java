package ca.gagephysio.inquiry.form;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * How the public form reads names and phone numbers: a name is stored in NFC whatever form it was sent in; a phone
 * number is checked as libphonenumber reads it in the clinic's country, refused with a message saying what is wrong
 * (the typed text kept), stored as typed plus its E.164 form, and compared in that form to flag a duplicate.
 */
@ClinicIntegrationTest
class InquiryFormPhoneAndNameTests {

	private static final AtomicInteger CLIENTS = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	FormTokens tokens;

	@Autowired
	InquiryRepository inquiries;

	/** A client address of this class's own, so the per-client rate limit never mixes it up with other tests. */
	private final String client = "10.9.0." + (CLIENTS.incrementAndGet() % 250 + 1);

	@Test
	void aNameSentDecomposedIsStoredComposed() throws Exception {
		Inquiry inquiry = stored(fields("Zoe\u0301 Mu\u0308ller", "905-555-0142"));

		assertThat(inquiry.getName()).isEqualTo("Zo\u00e9 M\u00fcller").hasSize(10);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			905-555-0142 ext. 12   | +19055550142;ext=12
			+44 20 7946 0958       | +442079460958
			011 33 1 23 45 67 89   | +33123456789
			(905) 555.0142         | +19055550142
			""")
	void aPossibleNumberIsStoredAsTypedAndInE164WithItsExtension(String typed, String e164) throws Exception {
		Inquiry inquiry = stored(fields("Phone " + unique(), typed));

		assertThat(inquiry.getPhone()).isEqualTo(typed);
		assertThat(inquiry.getPhoneGlobal()).isEqualTo(e164);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			555-0142                   | Enter a phone number with its area code, like 905-555-0123.
			905 555 01                 | Enter a phone number with its area code, like 905-555-0123.
			call me on 905 555 0142    | Enter a phone number with its area code, like 905-555-0123.
			905-555-0142-1234-5678     | That phone number has too many digits. Check it, and put any extension at the end, like 905-555-0123 ext. 12.
			+999 123 4567              | No country has the code after the +. Check the number, like +44 20 7946 0958.
			""")
	void aNumberThatIsNotPossibleIsRefusedWithWhatIsWrongAndKeptAsTyped(String typed, String message) throws Exception {
		Map<String, String> fields = fields("Phone " + unique(), typed);

		String page = mvc.perform(postOf(fields))
			.andExpect(status().isOk())
			.andExpect(view().name(InquiryFormController.FORM_VIEW))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("<li><a href=\"#phone\">" + HtmlUtils.htmlEscape(message) + "</a></li>")
			.contains("value=\"" + HtmlUtils.htmlEscape(typed) + "\"")
			.containsPattern("id=\"phone\"[^>]*aria-invalid=\"true\"");
		assertThat(inquiries.findByFormTokenId(tokens.check(fields.get("token")).id())).isEmpty();
	}

	@Test
	void theSameNumberWrittenInternationallyTheOtherWayIsAPossibleDuplicate() throws Exception {
		int random = ThreadLocalRandom.current().nextInt(100, 1000);
		int last4 = ThreadLocalRandom.current().nextInt(1000, 10_000);
		Inquiry first = stored(fields("First " + unique(), "+44 20 7" + random + " " + last4));
		Inquiry second = stored(fields("Second " + unique(), "011 44 (0)20 7" + random + "-" + last4));

		assertThat(second.getPossibleDuplicateOf()).isEqualTo(first.getId());
	}

	@Test
	void anotherExtensionOfTheSameNumberIsAnotherPersonNotADuplicate() throws Exception {
		int last4 = ThreadLocalRandom.current().nextInt(1000, 10_000);
		Inquiry first = stored(fields("First " + unique(), "905-555-" + last4 + " ext. 12"));
		Inquiry colleague = stored(fields("Colleague " + unique(), "905-555-" + last4 + " ext. 7"));
		Inquiry again = stored(fields("First again " + unique(), "(905) 555." + last4 + " x12"));

		assertThat(colleague.getPossibleDuplicateOf()).isNull();
		assertThat(again.getPossibleDuplicateOf()).isEqualTo(first.getId());
	}

	private Inquiry stored(Map<String, String> fields) throws Exception {
		MvcResult result = mvc.perform(postOf(fields)).andExpect(status().isSeeOther()).andReturn();
		String reference = result.getResponse().getRedirectedUrl().substring("/inquiry/sent/".length());
		return inquiries.findByReference(reference).orElseThrow();
	}

	private Map<String, String> fields(String name, String phone) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("token", tokens.issue(Instant.now().minusSeconds(10)));
		fields.put("name", name);
		fields.put("phone", phone);
		fields.put("service", "PHYSIOTHERAPY");
		fields.put("askingAbout", "BOTH");
		fields.put("consent", "true");
		return fields;
	}

	private MockHttpServletRequestBuilder postOf(Map<String, String> fields) {
		MockHttpServletRequestBuilder request = post("/inquiry").with(posted -> {
			posted.setRemoteAddr(client);
			return posted;
		}).contentType(MediaType.APPLICATION_FORM_URLENCODED);
		fields.forEach(request::param);
		return request;
	}

	private static String unique() {
		return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

}
