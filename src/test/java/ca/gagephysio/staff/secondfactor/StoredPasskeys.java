package ca.gagephysio.staff.secondfactor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;

/**
 * A passkey as Spring Security's credential repository stores it, for tests that need one stored without a
 * WebAuthn ceremony (listing, removing, ending sessions); its key is not a real one, so it cannot sign in.
 */
public final class StoredPasskeys {

	private StoredPasskeys() {
	}

	/** A credential of the user entity {@code userId}, created and last used at {@code at}. */
	public static CredentialRecord credential(Bytes credentialId, Bytes userId, String label, Instant at) {
		return ImmutableCredentialRecord.builder()
			.credentialType(PublicKeyCredentialType.PUBLIC_KEY)
			.credentialId(credentialId)
			.userEntityUserId(userId)
			.publicKey(new ImmutablePublicKeyCose(new byte[] { 1, 2, 3, 4, 5 }))
			.signatureCount(0)
			.uvInitialized(true)
			.transports(Set.of(AuthenticatorTransport.INTERNAL))
			.backupEligible(false)
			.backupState(false)
			.attestationObject(new Bytes(new byte[] { 9, 8, 7 }))
			.attestationClientDataJSON(new Bytes("{}".getBytes(StandardCharsets.UTF_8)))
			.created(at)
			.lastUsed(at)
			.label(label)
			.build();
	}

}
