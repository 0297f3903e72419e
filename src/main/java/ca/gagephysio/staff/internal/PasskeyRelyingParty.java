package ca.gagephysio.staff.internal;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import ca.gagephysio.site.ClinicFacts;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Component;

/**
 * The clinic as a WebAuthn relying party (W3C Web Authentication Level 3), used by Spring Security's
 * {@code http.webAuthn()} in place of the one it would build from fixed values: the relying-party id is the host of
 * the clinic's base URL and the only allowed origin is that URL's origin, read from {@link ClinicFacts} each time
 * (the owner can change the base URL in the settings). One allowance for development and the test suites: while
 * the base URL is on {@code localhost}, the origin of the port the server actually listens on counts too (a test
 * server's port is chosen at random). Passkeys must be discoverable (resident) and verify their user (PIN or
 * biometric), which is what lets one count as both factors.
 */
@Component
class PasskeyRelyingParty implements WebAuthnRelyingPartyOperations {

	private final ClinicFacts clinic;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final UserCredentialRepository credentials;

	private volatile int localPort = -1;

	private volatile Built built;

	PasskeyRelyingParty(ClinicFacts clinic, PublicKeyCredentialUserEntityRepository userEntities,
			UserCredentialRepository credentials) {
		this.clinic = clinic;
		this.userEntities = userEntities;
		this.credentials = credentials;
	}

	@EventListener
	void serverStarted(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			localPort = event.getWebServer().getPort();
		}
	}

	/**
	 * The options for adding a passkey. The first time for an account, Spring makes its WebAuthn user entity (a
	 * random user handle) by reading, then inserting; two requests at the same instant (a double click) both insert,
	 * and the unique name lets one in. The other is asked once more: it then finds the winner's entity, so both
	 * answers carry the one user handle that is stored, instead of a 500.
	 */
	@Override
	public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(
			PublicKeyCredentialCreationOptionsRequest request) {
		try {
			return operations().createPublicKeyCredentialCreationOptions(request);
		}
		catch (DataIntegrityViolationException lostRace) {
			return operations().createPublicKeyCredentialCreationOptions(request);
		}
	}

	/**
	 * Stores a new passkey. Spring saves it by updating, then inserting; the same registration sent twice at the
	 * same instant both insert, and the credential id's primary key lets one in. The other is done once more and
	 * then updates the row the first stored: one passkey, and no 500.
	 */
	@Override
	public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
		try {
			return operations().registerCredential(request);
		}
		catch (DataIntegrityViolationException lostRace) {
			return operations().registerCredential(request);
		}
	}

	@Override
	public PublicKeyCredentialRequestOptions createCredentialRequestOptions(
			PublicKeyCredentialRequestOptionsRequest request) {
		return operations().createCredentialRequestOptions(request);
	}

	@Override
	public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
		return operations().authenticate(request);
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
	static String origin(String scheme, String host, int port) {
		boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
				|| ("http".equals(scheme) && port == 80);
		return scheme + "://" + host + (defaultPort ? "" : ":" + port);
	}

	private record Built(String rpId, String name, Set<String> origins, WebAuthnRelyingPartyOperations operations) {
	}

}
