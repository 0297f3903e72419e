package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.signin.StaffProperties;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each staff account's second factors: passkeys (kept by Spring Security's JDBC repositories, tables
 * {@code user_entities} and {@code user_credentials}), an authenticator app (RFC 6238, see {@link Totp}) and ten
 * single-use recovery codes.
 *
 * <p>
 * The authenticator-app key is encrypted at rest with AES-256-GCM under {@code clinic.staff.totp-key}, so a copy of
 * the database alone does not let anyone make codes; keys it replaced ({@code clinic.staff.totp-previous-keys})
 * still decrypt ({@link AppKeyEncryption}). Recovery codes are 10 groups of random Base32 characters (50 bits each,
 * OWASP ASVS 5.0 V6.5.2 asks for at least 20), stored as {@link PasswordEncoder} (Argon2) hashes like passwords. The
 * time for the code check comes from the application's {@link Clock}, so tests can fix it.
 */
@Service
public class SecondFactors {

	/** How many recovery codes a person is given at a time. */
	static final int RECOVERY_CODES = 10;

	private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	/** The key in application.properties, for development and tests only. */
	private static final String DEVELOPMENT_KEY = "ZGV2ZWxvcG1lbnQtb25seS10b3RwLWtleS0zMmJ5dGU=";

	private static final Logger log = LoggerFactory.getLogger(SecondFactors.class);

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final UserCredentialRepository credentials;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final AppKeyEncryption encryption;

	private final Clock clock;

	SecondFactors(JdbcClient jdbc, PasswordEncoder passwordEncoder, UserCredentialRepository credentials,
			PublicKeyCredentialUserEntityRepository userEntities, StaffProperties properties,
			ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.credentials = credentials;
		this.userEntities = userEntities;
		this.encryption = new AppKeyEncryption(properties.totpKey(), properties.totpPreviousKeys());
		if (DEVELOPMENT_KEY.equals(properties.totpKey())) {
			log.warn("clinic.staff.totp-key is the development key from application.properties: set "
					+ "CLINIC_STAFF_TOTP_KEY (openssl rand -base64 32) before real staff enrol an authenticator app");
		}
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * How the stored authenticator-app keys stand with the configured keys, for the start-up log: how many the
	 * current key opens, how many only a previous key (each moves to the current key at its next use), and how many
	 * none (their owners must set the app up again).
	 */
	KeyReport keyReport() {
		int current = 0;
		int previous = 0;
		int unreadable = 0;
		for (String secret : jdbc.sql("select secret from staff_totp").query(String.class).list()) {
			Optional<AppKeyEncryption.Decrypted> decrypted = encryption.decrypt(secret);
			if (decrypted.isEmpty()) {
				unreadable++;
			}
			else if (decrypted.get().underCurrentKey()) {
				current++;
			}
			else {
				previous++;
			}
		}
		return new KeyReport(current, previous, unreadable);
	}

	/**
	 * Says at start-up what a change of {@code clinic.staff.totp-key} means for the apps already set up: how many
	 * still wait to move to the new key (so when {@code clinic.staff.totp-previous-keys} can go), and, as a warning,
	 * how many no configured key opens.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void reportKeys() {
		KeyReport report = keyReport();
		if (report.underPreviousKey() > 0) {
			log.info("{} authenticator-app key(s) are still encrypted with one of clinic.staff.totp-previous-keys; "
					+ "each moves to clinic.staff.totp-key at its owner's next sign-in with the app. Keep the previous "
					+ "keys until this count is 0.", report.underPreviousKey());
		}
		if (report.unreadable() > 0) {
			log.warn("{} authenticator-app key(s) open with neither clinic.staff.totp-key nor any of "
					+ "clinic.staff.totp-previous-keys: was the key changed without listing the old one there? Add the "
					+ "old key to clinic.staff.totp-previous-keys, or these people sign in with a recovery code or a "
					+ "passkey and set the app up again.", report.unreadable());
		}
	}

	/** Counts of stored authenticator-app keys by the configured key that opens them. */
	record KeyReport(int underCurrentKey, int underPreviousKey, int unreadable) {
	}

	/** Where a person's authenticator app stands. */
	enum AppState {

		/** None set up. */
		NONE,

		/** Set up, and its key opens with a configured key: its codes work. */
		READY,

		/**
		 * Set up, but no configured key opens its stored key ({@code clinic.staff.totp-key} was changed without
		 * the old one in {@code clinic.staff.totp-previous-keys}): it must be set up again. It still counts as a
		 * factor the account has, so a password alone cannot enrol a new one in its place.
		 */
		UNREADABLE

	}

	/** What a typed code turned out to be. */
	public sealed interface CodeCheck {

		/** A current authenticator-app code, not used before. */
		record AppCode() implements CodeCheck {
		}

		/** An unused recovery code, now spent; {@code left} remain. */
		record RecoveryCode(int left) implements CodeCheck {
		}

		/**
		 * Neither: {@code kind} says what the typed code was taken for, so the page can say exactly what went wrong
		 * (digits that are not the app's current code, a recovery code that is not one of the person's, or one of
		 * theirs already spent).
		 */
		record Wrong(Kind kind) implements CodeCheck {

			/** What a refused code was taken for. */
			public enum Kind {

				/** Digits, for an account with an authenticator app: not its current code, or used already. */
				APP_CODE,

				/** Not one of the account's recovery codes. */
				RECOVERY_CODE,

				/** One of the account's recovery codes, but spent already (each works once). */
				RECOVERY_CODE_USED

			}

		}

		/**
		 * Digits typed for an authenticator app whose stored key no configured key opens: the code could not be
		 * checked at all (see {@link AppState#UNREADABLE}).
		 */
		record AppUnreadable() implements CodeCheck {
		}

	}

	/** A passkey as its owner sees it in the list. */
	record Passkey(String id, String name, Instant created, Instant lastUsed) {
	}

	/** Whether this account has any second factor: a passkey or an authenticator app. */
	boolean hasAny(long accountId, String email) {
		return hasApp(accountId) || !passkeys(email).isEmpty();
	}

	/** Whether this account has an authenticator app set up, readable or not (see {@link AppState}). */
	public boolean hasApp(long accountId) {
		return jdbc.sql("select count(*) from staff_totp where account_id = ?")
			.param(accountId)
			.query(Integer.class)
			.single() > 0;
	}

	AppState appState(long accountId) {
		Optional<String> secret = jdbc.sql("select secret from staff_totp where account_id = ?")
			.param(accountId)
			.query(String.class)
			.optional();
		if (secret.isEmpty()) {
			return AppState.NONE;
		}
		return encryption.decrypt(secret.get()).isPresent() ? AppState.READY : AppState.UNREADABLE;
	}

	public int recoveryCodesLeft(long accountId) {
		return jdbc.sql("select count(*) from staff_recovery_code where account_id = ? and used_at is null")
			.param(accountId)
			.query(Integer.class)
			.single();
	}

	/** This person's passkeys, newest first. */
	public List<Passkey> passkeys(String email) {
		PublicKeyCredentialUserEntity entity = userEntities.findByUsername(email);
		if (entity == null) {
			return List.of();
		}
		return credentials.findByUserId(entity.getId())
			.stream()
			.sorted((a, b) -> String.valueOf(b.getCreated()).compareTo(String.valueOf(a.getCreated())))
			.map(record -> new Passkey(record.getCredentialId().toBase64UrlString(), record.getLabel(),
					record.getCreated(), record.getLastUsed()))
			.toList();
	}

	/**
	 * Removes one of the signed-in person's own passkeys, unless it is their last second factor. The check and the
	 * removal happen with the account's row locked: two removals at the same instant (two tabs, each removing one of
	 * the last two passkeys) would otherwise both see two and leave none.
	 */
	@Transactional
	PasskeyRemoval removeOwnPasskey(long accountId, String email, String credentialId) {
		lockAccount(accountId);
		if (!hasApp(accountId) && passkeys(email).size() <= 1) {
			return PasskeyRemoval.LAST_FACTOR;
		}
		return removePasskey(email, credentialId) ? PasskeyRemoval.REMOVED : PasskeyRemoval.NOT_FOUND;
	}

	/** What became of a request to remove one's own passkey. */
	enum PasskeyRemoval {

		REMOVED, LAST_FACTOR, NOT_FOUND

	}

	/** Removes one of this person's passkeys; false if they have none by that id. */
	boolean removePasskey(String email, String credentialId) {
		PublicKeyCredentialUserEntity entity = userEntities.findByUsername(email);
		if (entity == null) {
			return false;
		}
		Bytes id;
		try {
			id = Bytes.fromBase64(credentialId);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		CredentialRecord record = credentials.findByCredentialId(id);
		if (record == null || !record.getUserEntityUserId().equals(entity.getId())) {
			return false;
		}
		credentials.delete(id);
		return true;
	}

	/**
	 * Switches the authenticator app on with {@code key}, if {@code typed} is its current code (which counts as
	 * used), and gives the person a fresh set of recovery codes. Returns the codes, or empty if the code was wrong.
	 */
	@Transactional
	Optional<List<String>> enableApp(long accountId, byte[] appKey, String typed) {
		OptionalLong step = Totp.matchingStep(appKey, typed, clock.instant(), Long.MIN_VALUE);
		if (step.isEmpty()) {
			return Optional.empty();
		}
		// Hashed before the lock: ten slow password hashes would hold it for seconds.
		List<NewCode> codes = newCodes();
		lockAccount(accountId);
		// This very code switched this very key on a moment ago (a double click): done, and the codes were shown
		// then. Only the same key counts: an app whose key can no longer be read, set up again, is a new app.
		boolean sameKeyAlreadyOn = jdbc.sql("select secret from staff_totp where account_id = ? and last_step >= ?")
			.params(accountId, step.getAsLong())
			.query(String.class)
			.optional()
			.flatMap(encryption::decrypt)
			.filter(stored -> java.security.MessageDigest.isEqual(stored.plain(), appKey))
			.isPresent();
		if (sameKeyAlreadyOn) {
			return Optional.of(List.of());
		}
		jdbc.sql("delete from staff_totp where account_id = ?").param(accountId).update();
		jdbc.sql("insert into staff_totp (account_id, secret, last_step, enabled_at) values (?, ?, ?, ?)")
			.params(accountId, encryption.encrypt(appKey), step.getAsLong(), Timestamp.from(clock.instant()))
			.update();
		return Optional.of(replaceRecoveryCodes(accountId, codes, null));
	}

	@Transactional
	public void disableApp(long accountId) {
		jdbc.sql("delete from staff_totp where account_id = ?").param(accountId).update();
	}

	/**
	 * Replaces every recovery code with ten new ones; returns them as the person must type them.
	 * @param requestKey the one-time key of the form that asks ({@link #isRequestKey}), or {@code null}
	 * @return the new codes; empty when the codes made with this key are the ones stored already (a double click:
	 * the first click shows them, and a second set would silently replace the codes on the person's screen)
	 */
	@Transactional
	Optional<List<String>> newRecoveryCodes(long accountId, String requestKey) {
		String key = isRequestKey(requestKey) ? requestKey : null;
		// Hashed before the lock: ten slow password hashes would hold it for seconds.
		List<NewCode> codes = newCodes();
		lockAccount(accountId);
		if (key != null && jdbc.sql("select count(*) from staff_recovery_code where account_id = ? and request_key = ?")
			.params(accountId, key)
			.query(Long.class)
			.single() > 0) {
			return Optional.empty();
		}
		return Optional.of(replaceRecoveryCodes(accountId, codes, key));
	}

	/** Stores {@code codes} in place of every recovery code the account has; returns them as the person types them. */
	private List<String> replaceRecoveryCodes(long accountId, List<NewCode> codes, String requestKey) {
		jdbc.sql("delete from staff_recovery_code where account_id = ?").param(accountId).update();
		for (NewCode code : codes) {
			jdbc.sql("insert into staff_recovery_code (account_id, code_hash, created_at, request_key) values (?, ?, ?, ?)")
				.params(accountId, code.hash(), Timestamp.from(clock.instant()), requestKey)
				.update();
		}
		return codes.stream().map(NewCode::code).toList();
	}

	private List<NewCode> newCodes() {
		List<NewCode> codes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			String code = randomCode();
			codes.add(new NewCode(code, passwordEncoder.encode(code)));
		}
		return codes;
	}

	/** A recovery code as the person types it, and its password hash as stored. */
	private record NewCode(String code, String hash) {
	}

	/** Whether {@code key} is a one-time key as the security page makes them (a UUID); any other value is ignored. */
	static boolean isRequestKey(String key) {
		return key != null && key.matches("[0-9a-f-]{36}");
	}

	/**
	 * Locks the account's row until this transaction ends ({@code select ... for update}), so two changes to one
	 * person's second factors (a double click) happen one after the other, the second seeing the first.
	 */
	private void lockAccount(long accountId) {
		jdbc.sql("select id from staff_account where id = ? for update").param(accountId).query(Long.class).optional();
	}

	/**
	 * Checks a typed code: an authenticator-app code for the current time step or one either side, later than the
	 * last one accepted (which it then becomes), or an unused recovery code (which is then spent). The conditional
	 * updates make a code count once even if two instances check it at the same moment. An app key that only a
	 * previous key opens is stored again under the current key with the accepted code (its "next use"); the update
	 * also requires the stored key to be the one checked, so an app moved to a new phone meanwhile is never
	 * overwritten with the old one. Digits typed for an app no configured key opens are
	 * {@link CodeCheck.AppUnreadable}.
	 */
	@Transactional
	public CodeCheck check(long accountId, String typed) {
		String code = typed == null ? "" : typed.strip();
		Optional<AppRow> app = jdbc.sql("select secret, last_step from staff_totp where account_id = ?")
			.param(accountId)
			.query((row, n) -> new AppRow(row.getString(1), row.getLong(2)))
			.optional();
		if (app.isPresent() && code.replace(" ", "").chars().allMatch(Character::isDigit)) {
			Optional<AppKeyEncryption.Decrypted> appKey = encryption.decrypt(app.get().secret());
			if (appKey.isEmpty()) {
				log.warn("The authenticator-app key of staff account {} opens with neither clinic.staff.totp-key nor "
						+ "any of clinic.staff.totp-previous-keys: its owner must set the app up again", accountId);
				return new CodeCheck.AppUnreadable();
			}
			OptionalLong step = Totp.matchingStep(appKey.get().plain(), code, clock.instant(), app.get().lastStep());
			String stored = appKey.get().underCurrentKey() ? app.get().secret()
					: encryption.encrypt(appKey.get().plain());
			if (step.isPresent() && jdbc
				.sql("update staff_totp set last_step = ?, secret = ? where account_id = ? and last_step < ? "
						+ "and secret = ?")
				.params(step.getAsLong(), stored, accountId, step.getAsLong(), app.get().secret())
				.update() == 1) {
				return new CodeCheck.AppCode();
			}
			return new CodeCheck.Wrong(CodeCheck.Wrong.Kind.APP_CODE);
		}
		String normalised = code.replace(" ", "").replace("-", "").toLowerCase(java.util.Locale.ROOT);
		if (normalised.isEmpty() || normalised.length() > 32) {
			return new CodeCheck.Wrong(CodeCheck.Wrong.Kind.RECOVERY_CODE);
		}
		List<RecoveryRow> unused = jdbc
			.sql("select id, code_hash from staff_recovery_code where account_id = ? and used_at is null")
			.param(accountId)
			.query((row, n) -> new RecoveryRow(row.getLong(1), row.getString(2)))
			.list();
		for (RecoveryRow row : unused) {
			if (passwordEncoder.matches(normalised, row.hash()) && jdbc
				.sql("update staff_recovery_code set used_at = ? where id = ? and used_at is null")
				.params(Timestamp.from(clock.instant()), row.id())
				.update() == 1) {
				return new CodeCheck.RecoveryCode(recoveryCodesLeft(accountId));
			}
		}
		// at most ten spent codes are kept (a new set replaces them all), so this costs at most ten more hashes
		List<String> spent = jdbc
			.sql("select code_hash from staff_recovery_code where account_id = ? and used_at is not null")
			.param(accountId)
			.query(String.class)
			.list();
		return new CodeCheck.Wrong(spent.stream().anyMatch(hash -> passwordEncoder.matches(normalised, hash))
				? CodeCheck.Wrong.Kind.RECOVERY_CODE_USED : CodeCheck.Wrong.Kind.RECOVERY_CODE);
	}

	/**
	 * The account's email (its user name) changed: its passkeys, which Spring Security finds by user name, follow.
	 */
	@Transactional
	public void renameOwner(String oldEmail, String newEmail) {
		jdbc.sql("update user_entities set name = ? where name = ?").params(newEmail, oldEmail).update();
	}

	/** Forgets every second factor of an account: passkeys, authenticator app and recovery codes. */
	@Transactional
	public void reset(long accountId, String email) {
		disableApp(accountId);
		jdbc.sql("delete from staff_recovery_code where account_id = ?").param(accountId).update();
		PublicKeyCredentialUserEntity entity = userEntities.findByUsername(email);
		if (entity != null) {
			credentials.findByUserId(entity.getId()).forEach(record -> credentials.delete(record.getCredentialId()));
		}
	}

	/** Ten characters in two groups, without look-alikes (no 0/o, 1/l/i), e.g. {@code k7m2p-x9qrt}. */
	private static String randomCode() {
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	/** Recovery codes as shown: two groups of five, easier to read out and type. */
	static String shown(String code) {
		return code.substring(0, 5) + "-" + code.substring(5);
	}

	private record AppRow(String secret, long lastStep) {
	}

	private record RecoveryRow(long id, String hash) {
	}

}
