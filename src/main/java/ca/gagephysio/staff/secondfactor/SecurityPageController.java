package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.session.AccountSessions;
import ca.gagephysio.staff.trail.JpaAccessTrail;
import ca.gagephysio.staff.web.StaffPages;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import ca.gagephysio.clinic.ClinicFacts;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Sign-in and security": a person's own passkeys (added through the page's script and Spring Security's
 * {@code /webauthn/register} endpoints, named, listed with when they were added and last used, removed), their
 * authenticator app (a key shown as a QR code the site draws itself and as text, switched on only by a first code
 * from it) and their recovery codes (ten, shown once, downloadable as text, replaceable). A session signed in with
 * the password only reaches this page only while its account has no factor, to enrol its first one
 * ({@link SecondFactorRule#enrolment()}). Setting up the app, switching it off, new recovery codes and removing a
 * passkey each end the person's other sessions ({@link AccountSessions}); this one stays signed in.
 */
@Controller
@RequestMapping(SecurityPageController.PATH)
public class SecurityPageController {

	public static final String PATH = "/staff/account/security";

	/** Session attribute: recovery codes just made, shown (and downloadable) until the person leaves for the page. */
	// a session attribute: its name stays what it was before the staff module had sub-packages, so
	// sessions stored then (Spring Session JDBC) still carry it after an upgrade
	public static final String FRESH_RECOVERY_CODES = "ca.gagephysio.staff.internal.SecurityPageController"
			+ ".FRESH_RECOVERY_CODES";

	/** Session attribute: how many recovery codes were left after one was used to sign in; told once. */
	// a session attribute: its name stays what it was before the staff module had sub-packages, so
	// sessions stored then (Spring Session JDBC) still carry it after an upgrade
	static final String RECOVERY_CODES_LEFT = "ca.gagephysio.staff.internal.SecurityPageController.RECOVERY_CODES_LEFT";

	/** Session attribute: the authenticator-app key being set up, Base32, until its first code confirms it. */
	// a session attribute: its name stays what it was before the staff module had sub-packages, so
	// sessions stored then (Spring Session JDBC) still carry it after an upgrade
	private static final String PENDING_APP_KEY = "ca.gagephysio.staff.internal.SecurityPageController.PENDING_APP_KEY";

	private static final String BACK = "redirect:" + PATH;

	private static final int QR_MODULE_PIXELS = 4;

	private final StaffAccounts accounts;

	private final SecondFactors factors;

	private final JpaAccessTrail trail;

	private final StaffPages pages;

	private final ClinicFacts clinic;

	private final AccountSessions sessions;

	SecurityPageController(StaffAccounts accounts, SecondFactors factors, JpaAccessTrail trail, StaffPages pages,
			ClinicFacts clinic, AccountSessions sessions) {
		this.accounts = accounts;
		this.factors = factors;
		this.trail = trail;
		this.pages = pages;
		this.clinic = clinic;
		this.sessions = sessions;
	}

	@GetMapping
	String page(Model model, HttpSession session) {
		StaffAccount account = accounts.signedIn();
		session.removeAttribute(FRESH_RECOVERY_CODES);
		Object left = session.getAttribute(RECOVERY_CODES_LEFT);
		session.removeAttribute(RECOVERY_CODES_LEFT);
		model.addAttribute("page", pages.meta("staff.security.title", PATH));
		model.addAttribute("enrolling", !complete());
		model.addAttribute("passkeys", factors.passkeys(account.getEmail()));
		SecondFactors.AppState app = factors.appState(account.getId());
		model.addAttribute("hasApp", app != SecondFactors.AppState.NONE);
		model.addAttribute("appUnreadable", app == SecondFactors.AppState.UNREADABLE);
		model.addAttribute("recoveryCodesLeft", factors.recoveryCodesLeft(account.getId()));
		model.addAttribute("recoveryCodeUsedLeft", left);
		// One key per page shown, carried by "New codes": a double click makes one set of codes.
		model.addAttribute("requestKey", java.util.UUID.randomUUID().toString());
		return "staff/secondfactor/security";
	}

	/** Starts setting up an authenticator app with a new key; nothing changes until its first code confirms it. */
	@PostMapping("/app")
	String startApp(HttpSession session) {
		session.setAttribute(PENDING_APP_KEY, Totp.base32(Totp.newKey()));
		return BACK + "/app";
	}

	@GetMapping("/app")
	String app(Model model, HttpSession session) {
		Object key = session.getAttribute(PENDING_APP_KEY);
		if (!(key instanceof String base32)) {
			return BACK;
		}
		StaffAccount account = accounts.signedIn();
		model.addAttribute("page", pages.meta("staff.security.app.title", PATH + "/app"));
		model.addAttribute("key", base32.replaceAll("(.{4})(?!$)", "$1 "));
		model.addAttribute("qrSvg", qrSvg(otpauthUri(account.getEmail(), base32)));
		return "staff/secondfactor/security-app";
	}

	/** Switches the app on if the code is right; the first sign-up of any factor also completes this sign-in. */
	@PostMapping("/app/confirm")
	String confirmApp(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		HttpSession session = request.getSession();
		Object key = session.getAttribute(PENDING_APP_KEY);
		if (!(key instanceof String base32)) {
			return BACK;
		}
		StaffAccount account = accounts.signedIn();
		var codes = factors.enableApp(account.getId(), Totp.fromBase32(base32), code.length() > 64 ? "" : code);
		if (codes.isEmpty()) {
			redirect.addFlashAttribute("problem", "staff.security.app.code-wrong");
			return BACK + "/app";
		}
		session.removeAttribute(PENDING_APP_KEY);
		if (!codes.get().isEmpty()) {
			// Empty: this very code switched the app on a moment ago (a double click), whose codes are on screen.
			trail.record("SECOND_FACTOR_APP_ENROLLED", "STAFF_ACCOUNT", account.getId(), null);
		}
		if (!complete()) {
			SecondFactorRule.completeWithCode(request, response);
		}
		// A new app (a new phone, or the old key seen by someone): every other session ends, this one stays.
		sessions.endAllButThisOne(account.getId());
		if (!codes.get().isEmpty()) {
			request.getSession().setAttribute(FRESH_RECOVERY_CODES, codes.get());
		}
		redirect.addFlashAttribute("flash", "staff.security.app.enabled");
		return BACK + "/recovery-codes";
	}

	/** Turns the app off, only while a passkey remains (a person always keeps a second factor). */
	@PostMapping("/app/off")
	String appOff(RedirectAttributes redirect) {
		StaffAccount account = accounts.signedIn();
		if (factors.passkeys(account.getEmail()).isEmpty()) {
			redirect.addFlashAttribute("problem", "staff.security.app.last-factor");
			return BACK;
		}
		factors.disableApp(account.getId());
		trail.record("SECOND_FACTOR_APP_REMOVED", "STAFF_ACCOUNT", account.getId(), null);
		sessions.endAllButThisOne(account.getId());
		redirect.addFlashAttribute("flash", "staff.security.app.removed");
		return BACK;
	}

	/** Replaces every recovery code with ten new ones, shown once. */
	@PostMapping("/recovery-codes")
	String newRecoveryCodes(@RequestParam(required = false) String requestKey, HttpSession session) {
		StaffAccount account = accounts.signedIn();
		// Empty for the second post of a double click: the first click's codes are the ones stored and shown.
		factors.newRecoveryCodes(account.getId(), requestKey).ifPresent(codes -> {
			session.setAttribute(FRESH_RECOVERY_CODES, codes);
			trail.record("SECOND_FACTOR_RECOVERY_CODES_NEW", "STAFF_ACCOUNT", account.getId(), null);
			sessions.endAllButThisOne(account.getId());
		});
		return BACK + "/recovery-codes";
	}

	@GetMapping("/recovery-codes")
	String recoveryCodes(Model model, HttpSession session) {
		List<String> codes = freshCodes(session);
		if (codes.isEmpty()) {
			return BACK;
		}
		model.addAttribute("page", pages.meta("staff.security.recovery.title", PATH + "/recovery-codes"));
		model.addAttribute("codes", codes.stream().map(SecondFactors::shown).toList());
		return "staff/secondfactor/security-recovery-codes";
	}

	/** The codes just made as a text file, while they are still being shown. */
	@GetMapping("/recovery-codes.txt")
	ResponseEntity<String> recoveryCodesFile(HttpSession session) {
		List<String> codes = freshCodes(session);
		if (codes.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		StringBuilder text = new StringBuilder(clinic.name()).append(" recovery codes for ")
			.append(accounts.signedIn().getEmail())
			.append("\r\nEach works once, instead of an authenticator-app code.\r\n\r\n");
		codes.forEach(code -> text.append(SecondFactors.shown(code)).append("\r\n"));
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("recovery-codes.txt").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(text.toString());
	}

	/** Without the page's script a passkey cannot be made: said plainly rather than failing silently. */
	@PostMapping("/passkeys")
	String passkeyWithoutScript(RedirectAttributes redirect) {
		redirect.addFlashAttribute("problem", "staff.security.passkey.needs-script");
		return BACK;
	}

	/** Removes one of the person's own passkeys, unless it is their last second factor. */
	@PostMapping("/passkeys/{id}/delete")
	String removePasskey(@PathVariable String id, RedirectAttributes redirect) {
		StaffAccount account = accounts.signedIn();
		SecondFactors.PasskeyRemoval removal = factors.removeOwnPasskey(account.getId(), account.getEmail(), id);
		if (removal == SecondFactors.PasskeyRemoval.LAST_FACTOR) {
			redirect.addFlashAttribute("problem", "staff.security.passkey.last-factor");
		}
		else if (removal == SecondFactors.PasskeyRemoval.REMOVED) {
			trail.record("SECOND_FACTOR_PASSKEY_REMOVED", "STAFF_ACCOUNT", account.getId(), null);
			sessions.endAllButThisOne(account.getId());
			redirect.addFlashAttribute("flash", "staff.security.passkey.removed");
		}
		return BACK;
	}

	private static boolean complete() {
		return !SecondFactorRule.lacksSecondFactor(SecurityContextHolder.getContext().getAuthentication());
	}

	@SuppressWarnings("unchecked")
	private static List<String> freshCodes(HttpSession session) {
		Object codes = session.getAttribute(FRESH_RECOVERY_CODES);
		return codes instanceof List<?> list ? (List<String>) list : List.of();
	}

	/** The key URI format authenticator apps read (Google Authenticator's "Key Uri Format"). */
	private String otpauthUri(String email, String base32) {
		String issuer = URLEncoder.encode(clinic.name(), StandardCharsets.UTF_8).replace("+", "%20");
		String label = issuer + ":" + URLEncoder.encode(email, StandardCharsets.UTF_8);
		return "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + issuer + "&algorithm=SHA1&digits="
				+ Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
	}

	/**
	 * The QR code (ISO/IEC 18004, error correction M) drawn by ZXing as one SVG path, inline in the page: no image
	 * request, nothing sent elsewhere, and allowed by the strict content security policy.
	 */
	static String qrSvg(String text) {
		try {
			Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
			hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
			hints.put(EncodeHintType.MARGIN, 4);
			BitMatrix matrix = new QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0, hints);
			StringBuilder path = new StringBuilder();
			for (int y = 0; y < matrix.getHeight(); y++) {
				for (int x = 0; x < matrix.getWidth(); x++) {
					if (matrix.get(x, y)) {
						path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
					}
				}
			}
			int size = matrix.getWidth();
			return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\" role=\"img\" aria-labelledby=\"qr-label\" viewBox=\"0 0 "
					+ size + " " + size + "\" width=\"" + size * QR_MODULE_PIXELS + "\" height=\"" + size * QR_MODULE_PIXELS
					+ "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\""
					+ path + "\"/></svg>";
		}
		catch (WriterException ex) {
			throw new IllegalStateException("A key URI always fits a QR code", ex);
		}
	}

}
