package ca.gagephysio.notification;

import ca.gagephysio.SettableClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Fills in the public inquiry form the way a visitor does: loads {@code /inquiry}, takes the token the page
 * carries, takes as long as a person takes at least, and posts. Nothing inside the inquiry module is used, so the
 * notification tests see exactly what a visitor can make the site send. The person's time passes on the
 * application's clock ({@link SettableClock}, which the form's tokens read), not in real time: the page is loaded
 * with the clock put back by the fill time, so the post, at the real time, comes that long after it.
 */
final class PublicInquiryForm {

	private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

	/** Longer than {@code clinic.inquiry.minimum-fill-time} (3 s): a faster post comes back to be sent again. */
	private static final Duration FILL_TIME = Duration.ofMillis(3200);

	private final MockMvc mvc;

	private final SettableClock clock;

	PublicInquiryForm(MockMvc mvc) {
		this.mvc = mvc;
		this.clock = mvc.getDispatcherServlet().getWebApplicationContext().getBean(SettableClock.class);
	}

	/** What a visitor types; {@code null} leaves a field empty. */
	record Visitor(String name, String email, String phone, String message) {
	}

	/**
	 * Posts each visitor's form, all loaded first and sent one person's fill time later, and returns the
	 * responses in the same order. The clock is put back only while the pages load (relative to wherever the test
	 * has it), so everything the posts set off reads the time it read before.
	 */
	List<MvcResult> send(Visitor... visitors) throws Exception {
		List<String> tokens = new ArrayList<>();
		clock.advance(FILL_TIME.negated());
		try {
			for (int i = 0; i < visitors.length; i++) {
				tokens.add(freshToken());
			}
		}
		finally {
			clock.advance(FILL_TIME);
		}
		List<MvcResult> results = new ArrayList<>();
		for (int i = 0; i < visitors.length; i++) {
			results.add(mvc.perform(post(tokens.get(i), visitors[i])).andReturn());
		}
		return results;
	}

	/** The reference of a post the site accepted (a 303 to its confirmation page). */
	static String referenceOf(MvcResult result) {
		assertThat(result.getResponse().getStatus()).as("the form was accepted").isEqualTo(303);
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/inquiry/sent/");
		return location.substring("/inquiry/sent/".length());
	}

	private String freshToken() throws Exception {
		String page = mvc.perform(get("/inquiry")).andReturn().getResponse().getContentAsString();
		Matcher token = TOKEN.matcher(page);
		assertThat(token.find()).as("the form carries a token").isTrue();
		return token.group(1);
	}

	private static MockHttpServletRequestBuilder post(String token, Visitor visitor) {
		// A client address of its own for each post: the per-address rate limit is another test's business.
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String client = "10.91." + random.nextInt(256) + "." + random.nextInt(1, 255);
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post("/inquiry")
			.with(r -> {
				r.setRemoteAddr(client);
				return r;
			})
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.characterEncoding("UTF-8")
			.param("token", token)
			.param("service", "BACK_PAIN")
			.param("askingAbout", "BOTH")
			.param("consent", "true");
		param(request, "name", visitor.name());
		param(request, "email", visitor.email());
		param(request, "phone", visitor.phone());
		param(request, "message", visitor.message());
		return request;
	}

	private static void param(MockHttpServletRequestBuilder request, String name, String value) {
		if (value != null) {
			request.param(name, value);
		}
	}

}
