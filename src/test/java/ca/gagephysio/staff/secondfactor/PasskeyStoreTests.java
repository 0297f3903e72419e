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
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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

	@Autowired
	MockMvc mvc;

	/**
	 * The security page writes when a passkey was added and last used as every other page writes a moment (issue 21),
	 * in the clinic's time zone: 00:15 UTC on December 1 is still November 30 in Toronto.
	 */
	@Test
	void aPasskeysTimesAreWrittenInTheOneFormatInTheClinicsTimeZone() throws Exception {
		String owner = StaffTestAccounts.create(accounts, "Dated Passkey", StaffRole.STAFF);
		Bytes userId = Bytes.random();
		userEntities.save(ImmutablePublicKeyCredentialUserEntity.builder()
			.name(owner)
			.id(userId)
			.displayName("Dated Passkey")
			.build());
		credentials.save(StoredPasskeys.credential(Bytes.random(), userId, "Front desk laptop",
				Instant.parse("2026-12-01T00:15:00Z")));

		String page = mvc.perform(get("/staff/account/security").with(StaffTestAccounts.signedIn(owner, "STAFF")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

		assertThat(page).contains("<td>Front desk laptop</td>")
			.as("added, then last used")
			.containsPattern("<td>November 30, 2026, 7:15 p\\.m\\.</td>\\s*<td>November 30, 2026, 7:15 p\\.m\\.</td>")
			.doesNotContain("Nov 30 2026", "Dec 1 2026");
	}

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
