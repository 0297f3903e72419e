package ca.gagephysio.staff.secondfactor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;

/**
 * A passkey authenticator for MockMvc and plain-HTTP tests: one ES256 (ECDSA P-256, SHA-256) key pair and a
 * credential id, producing the JSON the site's {@code passkeys.js} posts, with the flags, counter and user handle a
 * test chooses (a real authenticator, or Chromium's virtual one, would not let a test send a key without user
 * verification once the options require it). The attestation is "none" and the encodings are webauthn4j's, so
 * they are exactly what the relying party parses; only the signing is done here (W3C WebAuthn Level 3 &sect;6.1,
 * &sect;6.3.3: the signature is over the authenticator data and the SHA-256 of the client data).
 */
public final class TestAuthenticator {

	/** Authenticator-data flags (WebAuthn &sect;6.1): user present, user verified, attested credential data. */
	public static final int UP = 0x01;

	public static final int UV = 0x04;

	private static final int AT = 0x40;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final KeyPair keys;

	private final byte[] credentialId = new byte[16];

	/** The signature counter the next assertion carries (then one more); a test may set it back. */
	long counter = 1;

	public TestAuthenticator() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			this.keys = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		RANDOM.nextBytes(credentialId);
	}

	public String credentialId() {
		return BASE64URL.encodeToString(credentialId);
	}

	/**
	 * The body of {@code POST /webauthn/register}: a new credential for {@code challenge} (Base64url, from the
	 * options) with these {@code flags} (the attested-credential-data flag is added).
	 */
	public String registration(String rpId, String origin, String challenge, int flags, String label) {
		AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput> data = new AuthenticatorData<>(
				sha256(rpId.getBytes(StandardCharsets.UTF_8)), (byte) (flags | AT), 0,
				new AttestedCredentialData(AAGUID.ZERO, credentialId,
						EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256)));
		byte[] attestation = new AttestationObjectConverter(new ObjectConverter())
			.convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
		String clientData = clientData("webauthn.create", challenge, origin);
		return """
				{"publicKey":{"credential":{"id":"%1$s","rawId":"%1$s","response":{"attestationObject":"%2$s",\
				"clientDataJSON":"%3$s","transports":["internal"]},"type":"public-key","clientExtensionResults":{},\
				"authenticatorAttachment":"platform"},"label":"%4$s"}}"""
			.formatted(credentialId(), BASE64URL.encodeToString(attestation),
					BASE64URL.encodeToString(clientData.getBytes(StandardCharsets.UTF_8)), label);
	}

	/**
	 * The body of {@code POST /login/webauthn}: an assertion for {@code challenge} with these {@code flags}, the
	 * current counter (which then goes up by one) and {@code userHandle} (Base64url, or {@code null} for none).
	 */
	String assertion(String rpId, String origin, String challenge, int flags, String userHandle) {
		byte[] authenticatorData = ByteBuffer.allocate(37)
			.put(sha256(rpId.getBytes(StandardCharsets.UTF_8)))
			.put((byte) flags)
			.putInt((int) counter++)
			.array();
		byte[] clientData = clientData("webauthn.get", challenge, origin).getBytes(StandardCharsets.UTF_8);
		byte[] signature;
		try {
			Signature signer = Signature.getInstance("SHA256withECDSA");
			signer.initSign(keys.getPrivate());
			signer.update(authenticatorData);
			signer.update(sha256(clientData));
			signature = signer.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		return """
				{"id":"%1$s","rawId":"%1$s","response":{"authenticatorData":"%2$s","clientDataJSON":"%3$s",\
				"signature":"%4$s","userHandle":%5$s},"credType":"public-key","clientExtensionResults":{},\
				"authenticatorAttachment":"platform"}"""
			.formatted(credentialId(), BASE64URL.encodeToString(authenticatorData),
					BASE64URL.encodeToString(clientData), BASE64URL.encodeToString(signature),
					userHandle == null ? "null" : "\"" + userHandle + "\"");
	}

	private static String clientData(String type, String challenge, String origin) {
		return "{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
				+ "\",\"crossOrigin\":false}";
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
