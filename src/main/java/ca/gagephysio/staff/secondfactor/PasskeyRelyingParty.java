package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.trail.JpaAccessTrail;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import ca.gagephysio.clinic.ClinicFacts;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The clinic as a WebAuthn relying party (W3C Web Authentication Level 3), used by Spring Security's
 * {@code http.webAuthn()} in place of the one it would build from fixed values: the relying-party id is the host of
 * the clinic's base URL and the only allowed origin is that URL's origin, read from {@link ClinicFacts} each time
 * (the owner can change the base URL in the settings). One allowance for development and the test suites: while
 * the base URL is on {@code localhost}, the origin of the port the server actually listens on counts too (a test
 * server's port is chosen at random). Passkeys must be discoverable (resident) and verify their user (PIN or
 * biometric), which is what lets one count as both factors.
 *
 * <p>
 * What this class checks itself, on top of Spring Security 7.0 and webauthn4j, and why:
 * <ul>
 * <li>User verification (the UV flag, WebAuthn Level 3 &sect;6.1) at every registration and sign-in, whatever the
 * options kept in the session say. Spring decides whether to require it by comparing the stored options'
 * {@link UserVerificationRequirement} with {@code REQUIRED} by identity; a copy that went through the JDBC session
 * store (Java serialisation) is another object, so the requirement silently became "preferred" and a key
 * without PIN or fingerprint opened the back office.</li>
 * <li>Registration only for a session that may enrol ({@link SecondFactorRule#mayEnrol}): Spring answers
 * {@code /webauthn/register/options} in a filter before the authorization filter, and creates the person's user
 * entity there, so the rule for the enrolment paths never saw that request.</li>
 * <li>The steps of &sect;7.2 Spring leaves out: the user handle must be the credential owner's (and is needed when
 * nobody was identified before the ceremony), the credential must be one the options allowed. A signature counter
 * that does not go up (webauthn4j refuses it: a cloned authenticator) or a wrong user handle is written to the
 * access trail under the credential owner's account.</li>
 * <li>The account must exist and be enabled: Spring loads the person but never looks at
 * {@code UserDetails#isEnabled()}. Refused before the sign-in succeeds, so the throttle count is not cleared.</li>
 * </ul>
 * Every refusal here is a {@link PasskeyRefused}; at sign-in Spring turns it into a 401, at registration
 * {@link #refusedRegistrationAsBadRequest()} into a 400, never a 500.
 */
@Component
public class PasskeyRelyingParty implements WebAuthnRelyingPartyOperations {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PasskeyRelyingParty.class);

	private final ClinicFacts clinic;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final UserCredentialRepository credentials;

	private final SecondFactorRule secondFactor;

	private final StaffAccounts accounts;

	private final JpaAccessTrail trail;

	private final JdbcClient jdbc;

	/**
	 * webauthn4j's JSON and CBOR mappers, made at the first passkey ceremony rather than when the app starts: building
	 * them loads about 250 classes of webauthn4j and Jackson, which a start that serves the public pages never uses
	 * (docs/performance.md, "Start-up, fifth pass").
	 */
	private final SingletonSupplier<ObjectConverter> converter = SingletonSupplier.of(ObjectConverter::new);

	private volatile int localPort = -1;

	private volatile Built built;

	PasskeyRelyingParty(ClinicFacts clinic, PublicKeyCredentialUserEntityRepository userEntities,
			UserCredentialRepository credentials, SecondFactorRule secondFactor, StaffAccounts accounts,
			JpaAccessTrail trail, JdbcClient jdbc) {
		this.clinic = clinic;
		this.userEntities = userEntities;
		this.credentials = credentials;
		this.secondFactor = secondFactor;
		this.accounts = accounts;
		this.trail = trail;
		this.jdbc = jdbc;
	}

	@EventListener
	void serverStarted(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			localPort = event.getWebServer().getPort();
		}
	}

	/**
	 * The options for a new passkey, only for a session that may enrol one: refused (the access-denied handler
	 * sends a password-only session to the second step) before Spring looks up or creates the person's user entity.
	 * The first time for an account, Spring makes its WebAuthn user entity (a random user handle) by reading, then
	 * inserting; two requests at the same instant (a double click) both insert, and the unique name lets one in. The
	 * other is asked once more: it then finds the winner's entity, so both answers carry the one user handle that is
	 * stored, instead of a 500.
	 */
	@Override
	public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(
			PublicKeyCredentialCreationOptionsRequest request) {
		if (!secondFactor.mayEnrol(request.getAuthentication())) {
			throw new AccessDeniedException("Passkey registration needs the second factor, or an account enrolling its first");
		}
		try {
			return operations().createPublicKeyCredentialCreationOptions(request);
		}
		catch (DataIntegrityViolationException lostRace) {
			return operations().createPublicKeyCredentialCreationOptions(request);
		}
	}

	/**
	 * Registers a passkey whose authenticator verified the person, for a session that may still enrol one. Spring
	 * saves it by updating, then inserting; the same registration sent twice at the same instant both insert, and the
	 * credential id's primary key lets one in. The other is done once more and then updates the row the first
	 * stored: one passkey, and no 500.
	 * @throws PasskeyRefused otherwise, or when webauthn4j finds the attestation wrong
	 */
	@Override
	public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
		if (!secondFactor.mayEnrol(SecurityContextHolder.getContext().getAuthentication())) {
			throw new PasskeyRefused("this session may not register a passkey");
		}
		PublicKeyCredentialCreationOptions stored = request.getCreationOptions();
		AuthenticatorData<?> authenticatorData;
		try {
			authenticatorData = new AttestationObjectConverter(converter.obtain())
				.convert(request.getPublicKey().getCredential().getResponse().getAttestationObject().getBytes())
				.getAuthenticatorData();
		}
		catch (RuntimeException ex) {
			throw new PasskeyRefused("unreadable attestation object", ex);
		}
		if (!authenticatorData.isFlagUP() || !authenticatorData.isFlagUV()) {
			throw new PasskeyRefused("the authenticator did not verify the person (UV flag not set)");
		}
		AuthenticatorSelectionCriteria selection = stored.getAuthenticatorSelection();
		PublicKeyCredentialCreationOptions required = PublicKeyCredentialCreationOptions.builder()
			.rp(stored.getRp())
			.user(stored.getUser())
			.challenge(stored.getChallenge())
			.pubKeyCredParams(stored.getPubKeyCredParams())
			.timeout(stored.getTimeout())
			.excludeCredentials(stored.getExcludeCredentials())
			.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
				.authenticatorAttachment(selection == null ? null : selection.getAuthenticatorAttachment())
				.residentKey(ResidentKeyRequirement.REQUIRED)
				.userVerification(UserVerificationRequirement.REQUIRED)
				.build())
			.attestation(stored.getAttestation())
			.extensions(stored.getExtensions())
			.build();
		try {
			RelyingPartyRegistrationRequest verified = new ImmutableRelyingPartyRegistrationRequest(required,
					request.getPublicKey());
			try {
				return operations().registerCredential(verified);
			}
			catch (DataIntegrityViolationException lostRace) {
				return operations().registerCredential(verified);
			}
		}
		catch (com.webauthn4j.verifier.exception.VerificationException
				| com.webauthn4j.converter.exception.DataConversionException | IllegalArgumentException ex) {
			throw new PasskeyRefused(ex.getMessage(), ex);
		}
	}

	@Override
	public PublicKeyCredentialRequestOptions createCredentialRequestOptions(
			PublicKeyCredentialRequestOptionsRequest request) {
		return operations().createCredentialRequestOptions(request);
	}

	/**
	 * Checks a passkey sign-in (W3C WebAuthn Level 3 &sect;7.2) and returns the person it signs in: the steps
	 * webauthn4j does through Spring (challenge, origin, relying-party id, signature, counter), with user
	 * verification always required, and the ones this class adds (see the class).
	 * <p>
	 * One transaction, holding the credential's row locked from before its counter is read until the new counter is
	 * saved: two assertions of one key at the same instant (a clone used alongside the original) would otherwise
	 * both read the old counter and both pass. The second waits, reads the first's counter, and is refused. A
	 * refusal commits, so its access-trail entry stays.
	 * @throws PasskeyRefused for any failure; Spring's provider turns it into a 401
	 */
	@Override
	@Transactional(noRollbackFor = PasskeyRefused.class)
	public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
		PublicKeyCredentialRequestOptions stored = request.getRequestOptions();
		PublicKeyCredential<AuthenticatorAssertionResponse> credential = request.getPublicKey();
		if (stored == null || credential == null || credential.getRawId() == null) {
			throw new PasskeyRefused("no sign-in options in the session, or no credential");
		}
		jdbc.sql("select credential_id from user_credentials where credential_id = ? for update")
			.param(credential.getRawId().toBase64UrlString())
			.query(String.class)
			.optional();
		CredentialRecord record = credentials.findByCredentialId(credential.getRawId());
		if (record == null) {
			throw new PasskeyRefused("unknown credential");
		}
		List<org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor> allowed = stored
			.getAllowCredentials();
		boolean identifiedBefore = allowed != null && !allowed.isEmpty();
		if (identifiedBefore && allowed.stream().noneMatch(descriptor -> descriptor.getId().equals(record.getCredentialId()))) {
			throw new PasskeyRefused("a credential the options did not allow");
		}
		AuthenticatorData<?> authenticatorData;
		try {
			authenticatorData = new AuthenticatorDataConverter(converter.obtain())
				.convert(credential.getResponse().getAuthenticatorData().getBytes());
		}
		catch (RuntimeException ex) {
			throw new PasskeyRefused("unreadable authenticator data", ex);
		}
		if (!authenticatorData.isFlagUP() || !authenticatorData.isFlagUV()) {
			throw new PasskeyRefused("the authenticator did not verify the person (UV flag not set)");
		}
		PublicKeyCredentialRequestOptions required = PublicKeyCredentialRequestOptions.builder()
			.challenge(stored.getChallenge())
			.timeout(stored.getTimeout())
			.rpId(stored.getRpId())
			.allowCredentials(stored.getAllowCredentials())
			.userVerification(UserVerificationRequirement.REQUIRED)
			.extensions(stored.getExtensions())
			.build();
		String owner = ownerOf(record);
		PublicKeyCredentialUserEntity user;
		try {
			user = operations().authenticate(new RelyingPartyAuthenticationRequest(required, credential));
		}
		catch (MaliciousCounterValueException ex) {
			throw counterWentBack(owner, record, authenticatorData.getSignCount());
		}
		catch (RuntimeException ex) {
			throw new PasskeyRefused(ex.getMessage(), ex);
		}
		// Spring 7.0 hands webauthn4j the counter of the registration, not the one stored at the last sign-in, so
		// webauthn4j's own check (step 22) only catches a counter below the first one; this is step 22 against the
		// stored counter. Done after the signature check, so the record Spring has just saved is put back.
		long presented = authenticatorData.getSignCount();
		if ((presented > 0 || record.getSignatureCount() > 0) && presented <= record.getSignatureCount()) {
			credentials.save(record);
			throw counterWentBack(owner, record, presented);
		}
		// Checked only now, with the signature known to be good, so that nobody without the key can fill the trail.
		Bytes handle = credential.getResponse().getUserHandle();
		if ((handle == null && !identifiedBefore) || (handle != null && !handle.equals(record.getUserEntityUserId()))) {
			trail.recordFor(owner, "SIGN_IN_PASSKEY_USER_HANDLE_MISMATCH", "credential " + shortId(record)
					+ (handle == null ? ": no user handle" : ": user handle of another account"));
			throw new PasskeyRefused("user handle missing or not the credential owner's");
		}
		Optional<StaffAccount> account = user == null ? Optional.empty() : accounts.byEmail(user.getName());
		if (account.isEmpty() || !account.get().isEnabled()) {
			trail.recordFor(owner, "SIGN_IN_PASSKEY_REFUSED", account.isEmpty() ? "no such account" : "account disabled");
			throw new PasskeyRefused("account missing or disabled");
		}
		return user;
	}

	private PasskeyRefused counterWentBack(String owner, CredentialRecord record, long presented) {
		trail.recordFor(owner, "SIGN_IN_PASSKEY_COUNTER_WENT_BACK", "credential " + shortId(record)
				+ ": signature counter " + presented + ", last seen " + record.getSignatureCount()
				+ " (a cloned authenticator?)");
		return new PasskeyRefused("signature counter did not go up");
	}

	/** The email of the credential's owner, for the access trail; empty if the user entity is gone. */
	private String ownerOf(CredentialRecord record) {
		PublicKeyCredentialUserEntity entity = userEntities.findById(record.getUserEntityUserId());
		return entity == null ? "" : entity.getName();
	}

	/** The first characters of a credential id: enough to tell a person's passkeys apart in the trail. */
	private static String shortId(CredentialRecord record) {
		String id = record.getCredentialId().toBase64UrlString();
		return id.length() <= 12 ? id : id.substring(0, 12) + "...";
	}

	/** A passkey registration or sign-in this relying party refuses; the message is for the log, never a person. */
	static final class PasskeyRefused extends RuntimeException {

		PasskeyRefused(String message) {
			super(message);
		}

		PasskeyRefused(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * Answers a refused {@code POST /webauthn/register} with 400 and {@code {"success":false}} (what the page's
	 * script expects), where Spring's registration filter, which catches nothing, would let it become a 500.
	 */
	static OncePerRequestFilter refusedRegistrationAsBadRequest() {
		RequestMatcher register = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/webauthn/register");
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				if (!register.matches(request)) {
					chain.doFilter(request, response);
					return;
				}
				try {
					chain.doFilter(request, response);
				}
				catch (PasskeyRefused | ServletException ex) {
					if (!(ex instanceof PasskeyRefused) && !(ex.getCause() instanceof PasskeyRefused)) {
						throw ex;
					}
					log.info("Passkey registration refused: {}",
							(ex instanceof PasskeyRefused ? ex : ex.getCause()).getMessage());
					response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
					response.setContentType("application/json");
					response.getWriter().write("{\"success\":false}");
				}
			}
		};
	}

	/** Spring's webauthn4j-backed operations for the current base URL, made again only when it changes. */
	private WebAuthnRelyingPartyOperations operations() {
		URI base = clinic.baseUrl();
		Set<String> origins = new LinkedHashSet<>();
		origins.add(origin(base.getScheme(), base.getHost(), base.getPort()));
		if ("localhost".equals(base.getHost()) && localPort > 0) {
			origins.add(origin(base.getScheme(), base.getHost(), localPort));
		}
		Built current = built;
		if (current == null || !current.rpId().equals(base.getHost()) || !current.origins().equals(origins)
				|| !current.name().equals(clinic.name())) {
			Webauthn4JRelyingPartyOperations operations = new Webauthn4JRelyingPartyOperations(userEntities,
					credentials, PublicKeyCredentialRpEntity.builder().id(base.getHost()).name(clinic.name()).build(),
					origins);
			operations.setCustomizeCreationOptions(options -> options.authenticatorSelection(
					AuthenticatorSelectionCriteria.builder()
						.residentKey(ResidentKeyRequirement.REQUIRED)
						.userVerification(UserVerificationRequirement.REQUIRED)
						.build()));
			operations.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
			current = new Built(base.getHost(), clinic.name(), Set.copyOf(origins), operations);
			built = current;
		}
		return current.operations();
	}

	/** An origin as browsers send it: scheme, host, and the port unless it is the scheme's default. */
	public static String origin(String scheme, String host, int port) {
		boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
				|| ("http".equals(scheme) && port == 80);
		return scheme + "://" + host + (defaultPort ? "" : ":" + port);
	}

	private record Built(String rpId, String name, Set<String> origins, WebAuthnRelyingPartyOperations operations) {
	}

}
