package ca.gagephysio.staff.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.support.SessionFlashMapManager;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UrlPathHelper;

/**
 * Keeps what a person typed into any back-office form when the post is refused because their session ended (its
 * CSRF token lived in that session), and gives it back once they have signed in again as the same person.
 * <p>
 * Every form a back-office page renders with {@code th:action} carries two hidden fields (added by
 * {@link FormDraftValueProcessor}): the page to return to and a keyed tag of the signed-in account. A refused post
 * becomes a {@link FormDraft} in a fresh session, which survives sign-in (the session id changes, its attributes
 * stay). After sign-in the draft is handed to the page as flash attributes ({@value #MODEL_FIELDS}) only if the
 * tag matches the account that signed in; anyone else never sees it. The post is never replayed: a forged
 * session-less post would otherwise be "applied" by its victim signing in. The person sees their text and presses
 * the button again, with a fresh CSRF token.
 * <p>
 * Bounded (fields, length) and never logged; a field whose name says it is a secret (password, token…) is never
 * kept, so the password form keeps nothing but the page.
 */
@Component
public class FormDrafts {

	/** Hidden field: the back-office page the form is on. */
	static final String RETURN_TO = "_returnTo";

	/** Hidden field: who the page was rendered for, as {@link #ownerTag(String)}. */
	static final String OWNER = "_draftOwner";

	/** Flash attribute: the draft's fields by name, for templates ({@code ${draft['note']}}). */
	static final String MODEL_FIELDS = "draft";

	/** Flash attribute: the path the draft was posted to, so only that form is filled in again. */
	static final String MODEL_ACTION = "draftAction";

	/** Session attribute holding the draft while its owner signs in again. */
	// a session attribute: its name stays what it was before the staff module had sub-packages, so
	// sessions stored then (Spring Session JDBC) still carry it after an upgrade
	static final String SESSION_ATTRIBUTE = "ca.gagephysio.staff.internal.FormDrafts.DRAFT";

	static final int MAX_FIELDS = 20;

	static final int MAX_VALUE_LENGTH = 10_000;

	static final int MAX_TOTAL_LENGTH = 20_000;

	/** Never kept, whatever the form: a secret must not outlive the post it was typed for. */
	private static final Pattern SECRET = Pattern.compile("(?i).*(password|passphrase|secret|token).*");

	/**
	 * Field types whose value is what the person typed. A hidden field keeps the value of the page as it is now (an
	 * inquiry's version, for one), and a checkbox's or option's value is not its state.
	 */
	private static final Set<String> TYPED_INTO = Set.of("text", "email", "textarea", "search", "tel", "url",
			"number", "date");

	private static final String STAFF_PREFIX = "/staff/";

	private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

	private final UrlPathHelper paths = new UrlPathHelper();

	private static final int KEY_ROW = 1;

	private final JdbcClient jdbc;

	/**
	 * 256 random bits, so a draft cannot be claimed by guessing a tag; generated once and kept in the database
	 * ({@code staff_form_draft_key}), read at first use, so that every instance and a restarted one recognise the
	 * tags of pages another rendered (sessions, and the drafts in them, are shared in the database too). Whoever
	 * can read that table can read the sessions themselves.
	 */
	private volatile byte[] key;

	FormDrafts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The hidden fields for a form on the page being rendered; none outside the signed-in back office. */
	Map<String, String> hiddenFields(HttpServletRequest request) {
		Optional<String> who = signedInName();
		String page = pageOf(request);
		if (who.isEmpty() || !isStaffPage(page)) {
			return Map.of();
		}
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(RETURN_TO, page);
		fields.put(OWNER, ownerTag(who.get()));
		return fields;
	}

	/**
	 * A post refused for its CSRF token while no one is signed in: keeps its draft in a (new) session for the
	 * sign-in that follows. A post without the hidden fields (not from one of our pages) keeps nothing.
	 *
	 * @return whether a draft was kept
	 */
	public boolean keepForSignIn(HttpServletRequest request) {
		Optional<FormDraft> draft = draftOf(request);
		draft.ifPresent(kept -> request.getSession().setAttribute(SESSION_ATTRIBUTE, kept));
		return draft.isPresent();
	}

	/**
	 * After a sign-in: sends the person back to the page of the draft kept in their session, with it filled in, if
	 * they are the person who typed it; drops it otherwise.
	 *
	 * @return whether a redirect was sent
	 */
	public boolean returnAfterSignIn(HttpServletRequest request, HttpServletResponse response, Authentication signedIn)
			throws IOException {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(SESSION_ATTRIBUTE) instanceof FormDraft draft)) {
			return false;
		}
		session.removeAttribute(SESSION_ATTRIBUTE);
		return giveBack(draft, signedIn.getName(), request, response);
	}

	/**
	 * A post refused for its CSRF token while the person is still signed in (they signed in again in another tab,
	 * which gave them a new token): straight back to the page with what they typed, if the form was rendered for
	 * them.
	 *
	 * @return whether a redirect was sent
	 */
	public boolean returnStraightBack(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Optional<String> who = signedInName();
		Optional<FormDraft> draft = draftOf(request);
		return who.isPresent() && draft.isPresent() && giveBack(draft.get(), who.get(), request, response);
	}

	/** Whether someone is signed in (not anonymous) on this request. */
	public static boolean isSignedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && TRUST.isAuthenticated(authentication);
	}

	/**
	 * The value a field of the form posting to {@code action} is rendered with: the draft's, when this page is
	 * showing one for that form and the field is one a person types into; otherwise the value as given.
	 */
	static String renderedValue(HttpServletRequest request, String action, String name, String value, String type) {
		Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
		if (flash == null || action == null || !(flash.get(MODEL_FIELDS) instanceof Map<?, ?> fields)
				|| !action.equals(flash.get(MODEL_ACTION)) || !TYPED_INTO.contains(type)) {
			return value;
		}
		return fields.get(name) instanceof String typed ? typed : value;
	}

	/** A keyed hash of the account name: says who without letting anyone make one for someone else. */
	String ownerTag(String accountName) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			byte[] tag = mac.doFinal(accountName.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

	private byte[] key() {
		byte[] read = key;
		if (read == null) {
			read = Base64.getUrlDecoder().decode(storedOrNewKey());
			key = read;
		}
		return read;
	}

	private String storedOrNewKey() {
		Optional<String> stored = storedKey();
		if (stored.isPresent()) {
			return stored.get();
		}
		byte[] generated = new byte[32];
		new SecureRandom().nextBytes(generated);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(generated);
		try {
			jdbc.sql("insert into staff_form_draft_key (id, secret, created_at) values (?, ?, ?)")
				.params(KEY_ROW, secret, Timestamp.from(Instant.now()))
				.update();
			return secret;
		}
		catch (DuplicateKeyException raced) {
			// another instance generated it at the same moment: theirs it is
			return storedKey().orElseThrow();
		}
	}

	private Optional<String> storedKey() {
		return jdbc.sql("select secret from staff_form_draft_key where id = ?")
			.param(KEY_ROW)
			.query(String.class)
			.optional();
	}

	private boolean giveBack(FormDraft draft, String accountName, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (!MessageDigest.isEqual(draft.ownerTag().getBytes(StandardCharsets.US_ASCII),
				ownerTag(accountName).getBytes(StandardCharsets.US_ASCII))) {
			return false;
		}
		UriComponents target = UriComponentsBuilder.fromUriString(draft.returnTo()).build();
		FlashMap flash = new FlashMap();
		flash.put(MODEL_FIELDS, draft.fields());
		flash.put(MODEL_ACTION, draft.action());
		flash.put("flash", "staff.draft.restored");
		flash.setTargetRequestPath(target.getPath());
		flash.addTargetRequestParams(target.getQueryParams());
		new SessionFlashMapManager().saveOutputFlashMap(flash, request, response);
		response.sendRedirect(request.getContextPath() + draft.returnTo());
		return true;
	}

	private Optional<FormDraft> draftOf(HttpServletRequest request) {
		String returnTo = request.getParameter(RETURN_TO);
		String owner = request.getParameter(OWNER);
		String action = paths.getOriginatingRequestUri(request);
		if (owner == null || owner.length() > 64 || !isStaffPage(returnTo)) {
			return Optional.empty();
		}
		FormDraft.Fields fields = new FormDraft.Fields();
		int total = 0;
		for (Map.Entry<String, String[]> field : request.getParameterMap().entrySet()) {
			String name = field.getKey();
			String value = field.getValue().length == 0 ? "" : field.getValue()[0];
			if (name.startsWith("_") || SECRET.matcher(name).matches() || name.length() > 100
					|| value.length() > MAX_VALUE_LENGTH) {
				continue;
			}
			if (fields.size() == MAX_FIELDS || total + value.length() > MAX_TOTAL_LENGTH) {
				break;
			}
			fields.put(name, value);
			total += value.length();
		}
		return Optional.of(new FormDraft(returnTo, action, owner, fields));
	}

	/** The page being rendered, as a path from the context root with its query. */
	private String pageOf(HttpServletRequest request) {
		String path = paths.getOriginatingRequestUri(request).substring(request.getContextPath().length());
		String query = paths.getOriginatingQueryString(request);
		return query == null ? path : path + "?" + query;
	}

	/** Only a back-office path on this site: never somewhere else to be sent after sign-in. */
	private static boolean isStaffPage(String path) {
		return path != null && path.startsWith(STAFF_PREFIX) && path.length() <= 2000 && !path.contains("//")
				&& !path.contains("\\") && path.chars().noneMatch(c -> c < 0x21 || c == 0x7f);
	}

	private static Optional<String> signedInName() {
		return isSignedIn() ? Optional.of(SecurityContextHolder.getContext().getAuthentication().getName())
				: Optional.empty();
	}

}
