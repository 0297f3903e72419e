package ca.gagephysio.notification;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletResponse;

import ca.gagephysio.site.PageMeta;

/**
 * The public unsubscribe address every email that is not a direct answer carries ({@code List-Unsubscribe}, RFC
 * 2369). {@code POST /unsubscribe/{token}} lists the address at once, with no sign-in and no form token: a mail
 * provider's one-click request (RFC 8058 section 3.2: body {@code List-Unsubscribe=One-Click}) gets the
 * confirmation with 200, the button on the page a 303 to it (Post/Redirect/Get). {@code GET} only shows the button,
 * since mail scanners follow links and must not unsubscribe anyone (RFC 8058 section 1). A token that is not the
 * clinic's gets a page that says so (400) and the phone number. Never cached.
 */
@Controller
@RequestMapping(UnsubscribeController.PATH)
class UnsubscribeController {

	static final String PATH = "/unsubscribe";

	static final String VIEW = "notification/unsubscribe/unsubscribe";

	private final UnsubscribeTokens tokens;

	private final MailSuppression suppression;

	private final MessageSource messages;

	UnsubscribeController(UnsubscribeTokens tokens, MailSuppression suppression, MessageSource messages) {
		this.tokens = tokens;
		this.suppression = suppression;
		this.messages = messages;
	}

	@GetMapping("/{token}")
	ModelAndView ask(@PathVariable String token, @RequestParam(required = false) String done,
			HttpServletResponse response, Locale locale) {
		noStore(response);
		if (tokens.addressHashOf(token).isEmpty()) {
			return page("invalid", token, HttpStatus.BAD_REQUEST, locale);
		}
		return page(done != null ? "done" : "ask", token, HttpStatus.OK, locale);
	}

	@PostMapping("/{token}")
	ModelAndView unsubscribe(@PathVariable String token, @RequestParam(required = false) String page,
			HttpServletResponse response, Locale locale) {
		noStore(response);
		Optional<String> hash = tokens.addressHashOf(token);
		if (hash.isEmpty()) {
			return page("invalid", token, HttpStatus.BAD_REQUEST, locale);
		}
		suppression.suppress(hash.get(), Instant.now());
		if (page != null) {
			ModelAndView redirect = new ModelAndView("redirect:" + PATH + "/" + token + "?done");
			redirect.setStatus(HttpStatus.SEE_OTHER);
			return redirect;
		}
		return page("done", token, HttpStatus.OK, locale);
	}

	private ModelAndView page(String state, String token, HttpStatus status, Locale locale) {
		String title = messages.getMessage("notification.unsubscribe.title", null, locale);
		ModelAndView view = new ModelAndView(VIEW, status);
		view.addObject("page", PageMeta.of(title, title, PATH).notIndexed());
		view.addObject("state", state);
		view.addObject("token", token);
		return view;
	}

	private static void noStore(HttpServletResponse response) {
		response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
	}

}
