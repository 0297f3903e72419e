package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.trail.JpaAccessTrail;

import jakarta.servlet.http.HttpSession;

import ca.gagephysio.staff.secondfactor.PasskeyRelyingParty.PasskeyRefused;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.stereotype.Component;

/**
 * A signed-in person proves again, with one of their own passkeys, that they are at the keyboard: the second
 * factor typed again for changing their own email, for someone who signs in with passkeys only (no authenticator
 * app, no recovery codes). A WebAuthn assertion (W3C WebAuthn Level 3 &sect;7.2) over a fresh challenge, checked by
 * {@link PasskeyRelyingParty} exactly as a passkey sign-in is (signature, user verification, counter, user handle,
 * an enabled account), then for being the signed-in person's own: the options allow only their passkeys, and the
 * person the assertion names must be them.
 *
 * <p>
 * The options live in the session under an attribute of their own, not where Spring keeps the sign-in's, so they
 * can never complete a sign-in at {@code /login/webauthn}, nor a sign-in's options confirm a change; each is used
 * once. JSON is read and written by Spring Security's own WebAuthn Jackson module, as its filters do.
 */
@Component
public class OwnPasskeyCheck {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OwnPasskeyCheck.class);

	private static final String OPTIONS = OwnPasskeyCheck.class.getName() + ".OPTIONS";

	/** Longer than any assertion a browser sends (a few hundred bytes to about 2 KB); more is not one. */
	public static final int MAX_ASSERTION_LENGTH = 16_384;

	private static final JsonMapper JSON = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

	private final PasskeyRelyingParty relyingParty;

	private final StaffAccounts accounts;

	private final JpaAccessTrail trail;

	OwnPasskeyCheck(PasskeyRelyingParty relyingParty, StaffAccounts accounts, JpaAccessTrail trail) {
		this.relyingParty = relyingParty;
		this.accounts = accounts;
		this.trail = trail;
	}

	/**
	 * New request options for the signed-in person's own passkeys, kept in {@code session} for {@link #check}; the
	 * JSON the page's script hands to {@code navigator.credentials.get}.
	 */
	public String newOptions(HttpSession session) {
		PublicKeyCredentialRequestOptions options = relyingParty.createCredentialRequestOptions(
				new ImmutablePublicKeyCredentialRequestOptionsRequest(
						SecurityContextHolder.getContext().getAuthentication()));
		session.setAttribute(OPTIONS, options);
		return JSON.writeValueAsString(options);
	}

	/**
	 * Checks {@code assertion} (the JSON the page's script posts) against the options last made in {@code session},
	 * which are then used up. A refusal is written to the access trail.
	 *
	 * @param purpose what the check allows, for the access trail (e.g. "changing the email")
	 * @return null if it is a good assertion of one of the signed-in person's passkeys, else the message key saying
	 * why not
	 */
	public String check(String assertion, HttpSession session, String purpose) {
		Object stored = session.getAttribute(OPTIONS);
		session.removeAttribute(OPTIONS);
		StaffAccount account = accounts.signedIn();
		if (!(stored instanceof PublicKeyCredentialRequestOptions options)) {
			return "staff.account.email.passkey-again";
		}
		try {
			PublicKeyCredential<AuthenticatorAssertionResponse> credential = JSON.readValue(assertion,
					new TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse>>() {
					});
			PublicKeyCredentialUserEntity person = relyingParty
				.authenticate(new RelyingPartyAuthenticationRequest(options, credential));
			if (person != null && account.getEmail().equals(person.getName())) {
				return null;
			}
			log.info("Passkey confirmation refused: the passkey of another account");
		}
		catch (JacksonException | IllegalArgumentException | PasskeyRefused ex) {
			// for the log only: the person is told no more than that it was refused
			log.info("Passkey confirmation refused: {}", ex.getMessage());
		}
		trail.record("STAFF_PASSKEY_WRONG", "STAFF_ACCOUNT", account.getId(), purpose);
		return "staff.account.email.passkey-wrong";
	}

}
