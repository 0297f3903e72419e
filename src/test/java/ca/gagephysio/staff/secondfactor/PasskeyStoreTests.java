package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys in the tables of migration V53 through Spring Security's JDBC repositories, on whichever database the
 * suite runs (H2 by default, PostgreSQL with {@code -Ppostgres}): stored, listed with name and times, and removed
 * only by their owner. (Registering and signing in with one is {@code PasskeyJourneyTests}, in a browser.)
 */
@ClinicIntegrationTest
class PasskeyStoreTests {

	@Autowired
	StaffAccounts accounts;

	@Autowired
	SecondFactors factors;

	@Autowired
	PublicKeyCredentialUserEntityRepository userEntities;

	@Autowired
	UserCredentialRepository credentials;

	@Test
	void aPasskeyIsKeptListedWithItsNameAndTimesAndRemovedOnlyByItsOwner() {
		String owner = StaffTestAccounts.create(accounts, "Passkey Owner", StaffRole.STAFF);
		String other = StaffTestAccounts.create(accounts, "Someone Else", StaffRole.STAFF);
		Bytes userId = Bytes.random();
		userEntities.save(ImmutablePublicKeyCredentialUserEntity.builder()
			.name(owner)
			.id(userId)
			.displayName("Passkey Owner")
			.build());
		Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Bytes credentialId = Bytes.random();
		credentials.save(StoredPasskeys.credential(credentialId, userId, "Reception computer", created));

		assertThat(factors.passkeys(owner)).singleElement().satisfies(passkey -> {
			assertThat(passkey.name()).isEqualTo("Reception computer");
			assertThat(passkey.created()).isEqualTo(created);
			assertThat(passkey.id()).isEqualTo(credentialId.toBase64UrlString());
		});
		assertThat(credentials.findByCredentialId(credentialId).getPublicKey().getBytes())
			.containsExactly(1, 2, 3, 4, 5);
		long ownerId = accounts.byEmail(owner).orElseThrow().getId();
		assertThat(factors.hasAny(ownerId, owner)).isTrue();

		assertThat(factors.removePasskey(other, credentialId.toBase64UrlString())).isFalse();
		assertThat(factors.removePasskey(owner, credentialId.toBase64UrlString())).isTrue();
		assertThat(factors.passkeys(owner)).isEmpty();
		assertThat(factors.hasAny(ownerId, owner)).isFalse();
	}

}
