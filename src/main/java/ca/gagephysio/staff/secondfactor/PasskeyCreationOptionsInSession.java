package ca.gagephysio.staff.secondfactor;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticationExtensionsClientInput;
import org.springframework.security.web.webauthn.api.AuthenticatorAttachment;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableAuthenticationExtensionsClientInput;
import org.springframework.security.web.webauthn.api.ImmutableAuthenticationExtensionsClientInputs;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps a passkey registration's options in the session between {@code /webauthn/register/options} and
 * {@code /webauthn/register}, as a serialisable copy: sessions live in the database (Spring Session JDBC, Java
 * serialisation), and Spring Security 7.0's {@link PublicKeyCredentialCreationOptions} is not {@link Serializable}
 * (spring-security issue 16431, still open for creation options), so its own session repository fails there. The
 * copy is rebuilt with Spring's own constants for the algorithms and the user-verification requirement, so the
 * checks that compare them by identity (spring-security issue 17164) still hold.
 */
final class PasskeyCreationOptionsInSession implements PublicKeyCredentialCreationOptionsRepository {

	// a session attribute: its name stays what it was before the staff module had sub-packages, so
	// sessions stored then (Spring Session JDBC) still carry it after an upgrade
	private static final String ATTRIBUTE = "ca.gagephysio.staff.internal.PasskeyCreationOptionsInSession.OPTIONS";

	private static final List<PublicKeyCredentialParameters> KNOWN = List.of(PublicKeyCredentialParameters.EdDSA,
			PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.ES384, PublicKeyCredentialParameters.ES512,
			PublicKeyCredentialParameters.RS256, PublicKeyCredentialParameters.RS384, PublicKeyCredentialParameters.RS512,
			PublicKeyCredentialParameters.RS1);

	@Override
	public void save(HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialCreationOptions options) {
		if (options == null) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.removeAttribute(ATTRIBUTE);
			}
			return;
		}
		request.getSession().setAttribute(ATTRIBUTE, Copy.of(options));
	}

	@Override
	public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(ATTRIBUTE) instanceof Copy copy ? copy.options() : null;
	}

	/** Everything the options hold, in serialisable types. */
	record Copy(String rpId, String rpName, String userName, Bytes userId, String userDisplayName, Bytes challenge,
			long[] algorithms, Duration timeout, ArrayList<PublicKeyCredentialDescriptor> excludeCredentials,
			AuthenticatorAttachment attachment, String residentKey, UserVerificationRequirement userVerification,
			String attestation, ArrayList<Extension> extensions) implements Serializable {

		static Copy of(PublicKeyCredentialCreationOptions options) {
			AuthenticatorSelectionCriteria selection = options.getAuthenticatorSelection();
			ArrayList<Extension> extensions = new ArrayList<>();
			if (options.getExtensions() != null) {
				for (AuthenticationExtensionsClientInput<?> input : options.getExtensions().getInputs()) {
					if (input.getInput() instanceof Serializable value) {
						extensions.add(new Extension(input.getExtensionId(), value));
					}
				}
			}
			return new Copy(options.getRp().getId(), options.getRp().getName(), options.getUser().getName(),
					options.getUser().getId(), options.getUser().getDisplayName(), options.getChallenge(),
					options.getPubKeyCredParams().stream().mapToLong(parameter -> parameter.getAlg().getValue()).toArray(),
					options.getTimeout(),
					options.getExcludeCredentials() == null ? null : new ArrayList<>(options.getExcludeCredentials()),
					selection == null ? null : selection.getAuthenticatorAttachment(),
					selection == null || selection.getResidentKey() == null ? null : selection.getResidentKey().getValue(),
					selection == null ? null : selection.getUserVerification(),
					options.getAttestation() == null ? null : options.getAttestation().getValue(), extensions);
		}

		PublicKeyCredentialCreationOptions options() {
			List<AuthenticationExtensionsClientInput> inputs = new ArrayList<>();
			extensions.forEach(extension -> inputs
				.add(new ImmutableAuthenticationExtensionsClientInput<>(extension.id(), extension.input())));
			return PublicKeyCredentialCreationOptions.builder()
				.rp(PublicKeyCredentialRpEntity.builder().id(rpId).name(rpName).build())
				.user(ImmutablePublicKeyCredentialUserEntity.builder()
					.name(userName)
					.id(userId)
					.displayName(userDisplayName)
					.build())
				.challenge(challenge)
				.pubKeyCredParams(Arrays.stream(algorithms)
					.mapToObj(algorithm -> KNOWN.stream()
						.filter(known -> known.getAlg().getValue() == algorithm)
						.findFirst()
						.orElseThrow())
					.toList())
				.timeout(timeout)
				.excludeCredentials(excludeCredentials)
				.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
					.authenticatorAttachment(attachment)
					.residentKey(residentKey == null ? null : ResidentKeyRequirement.valueOf(residentKey))
					.userVerification(constant(userVerification))
					.build())
				.attestation(attestation == null ? null : AttestationConveyancePreference.valueOf(attestation))
				.extensions(new ImmutableAuthenticationExtensionsClientInputs(inputs))
				.build();
		}

	}

	/**
	 * Spring's own constant for a deserialised requirement: it has no {@code readResolve}, and Spring compares
	 * it with {@code UserVerificationRequirement.REQUIRED} by identity, so the copy read back from the session
	 * would otherwise not require user verification (PasskeyRelyingParty requires it in any case).
	 */
	static UserVerificationRequirement constant(UserVerificationRequirement stored) {
		if (stored == null) {
			return null;
		}
		return List.of(UserVerificationRequirement.REQUIRED, UserVerificationRequirement.PREFERRED,
				UserVerificationRequirement.DISCOURAGED)
			.stream()
			.filter(known -> known.getValue().equals(stored.getValue()))
			.findFirst()
			.orElse(UserVerificationRequirement.REQUIRED);
	}

	record Extension(String id, Serializable input) implements Serializable {
	}

}
