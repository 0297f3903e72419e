package ca.gagephysio.staff.account;

import ca.gagephysio.staff.signin.SignInEvents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.StaffAccountLinkIssued;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time links to choose a password: an invitation to a new account, or an administrator's password reset.
 * The token is 256 random bits (Base64url in the link); only its SHA-256 hash is stored (a token this random needs
 * no slow hash: nobody can guess it to test against the hash), so the database alone opens no account. A link
 * works once (a conditional update, so two clicks at the same instant cannot both use it), for
 * {@link #LIFETIME}, and only while it is the account's newest one. Making, using and refusing a link each go into
 * the access trail. Times come from the application's {@link Clock}.
 */
@Service
class StaffInvitations {

	/** How long a link works after it was made. */
	static final Duration LIFETIME = Duration.ofHours(72);

	/** Where a link leads; the token comes as the {@code token} parameter. */
	static final String PATH = SignInEvents.INVITATION_PATH;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final AccessTrail trail;

	private final ApplicationEventPublisher events;

	private final ClinicFacts clinic;

	private final Clock clock;

	StaffInvitations(JdbcClient jdbc, AccessTrail trail, ApplicationEventPublisher events, ClinicFacts clinic,
			ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.trail = trail;
		this.events = events;
		this.clinic = clinic;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/** An open link, as its owner reaches it. */
	record OpenLink(long id, long accountId, StaffAccountLinkIssued.Purpose purpose) {
	}

	/** An account's newest link, for the administrators' list. */
	record Latest(StaffAccountLinkIssued.Purpose purpose, Instant expiresAt, boolean used, boolean expired) {
	}

	/**
	 * Makes a new link for the account, replacing any it still had open, queues the email that carries it (by
	 * publishing {@link StaffAccountLinkIssued}) and returns the link, for the administrator to copy once.
	 */
	@Transactional
	String issue(StaffAccount account, StaffAccountLinkIssued.Purpose purpose) {
		Instant now = clock.instant();
		int replaced = jdbc
			.sql("update staff_invitation set revoked_at = ? where account_id = ? and used_at is null and revoked_at is null")
			.params(Timestamp.from(now), account.getId())
			.update();
		String token = newToken();
		Instant expires = now.plus(LIFETIME);
		jdbc.sql("""
				insert into staff_invitation (account_id, purpose, token_hash, created_at, expires_at)
				values (?, ?, ?, ?, ?)""")
			.params(account.getId(), purpose.name(), hash(token), Timestamp.from(now), Timestamp.from(expires))
			.update();
		trail.record(purpose == StaffAccountLinkIssued.Purpose.INVITATION ? "STAFF_INVITATION_SENT"
				: "STAFF_PASSWORD_RESET_LINK_SENT", "STAFF_ACCOUNT", account.getId(),
				"valid until " + expires + (replaced > 0 ? "; replaces the link sent before" : ""));
		String link = clinic.url(PATH + "?token=" + token);
		events.publishEvent(new StaffAccountLinkIssued(account.getEmail(), account.getDisplayName(), link, expires,
				purpose));
		return link;
	}

	/** The link this token belongs to, if it still works: not used, not replaced, not expired. */
	@Transactional(readOnly = true)
	Optional<OpenLink> open(String token) {
		return row(token).filter(row -> row.problem(clock.instant()) == null).map(Row::asOpen);
	}

	/**
	 * Spends the link: true for the one caller that used it while it still worked; false for every other (whose
	 * caller rolls back and then tells the trail with {@link #refused}).
	 */
	@Transactional
	boolean use(String token) {
		Optional<Row> found = row(token);
		Instant now = clock.instant();
		if (found.isEmpty()) {
			return false;
		}
		Row row = found.get();
		int spent = jdbc.sql("""
				update staff_invitation set used_at = ?
				where id = ? and used_at is null and revoked_at is null and expires_at > ?""")
			.params(Timestamp.from(now), row.id(), Timestamp.from(now))
			.update();
		if (spent != 1) {
			return false;
		}
		trail.record(row.purpose() == StaffAccountLinkIssued.Purpose.INVITATION ? "STAFF_INVITATION_ACCEPTED"
				: "STAFF_PASSWORD_RESET_LINK_USED", "STAFF_ACCOUNT", row.accountId(), null);
		return true;
	}

	/** A link that no longer works was opened or sent: said in the access trail, with why. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void refused(String token) {
		Optional<Row> found = row(token);
		trail.record("STAFF_LINK_REFUSED", found.isPresent() ? "STAFF_ACCOUNT" : null,
				found.map(Row::accountId).orElse(null),
				found.map(row -> row.problem(clock.instant())).map(problem -> problem == null ? "used" : problem)
					.orElse("no such link"));
	}

	/** The account's newest link, if it ever had one. */
	@Transactional(readOnly = true)
	Optional<Latest> latest(long accountId) {
		Instant now = clock.instant();
		return jdbc.sql("""
				select purpose, expires_at, used_at from staff_invitation where account_id = ?
				order by created_at desc, id desc fetch first 1 rows only""")
			.param(accountId)
			.query((rs, n) -> new Latest(StaffAccountLinkIssued.Purpose.valueOf(rs.getString(1)),
					rs.getTimestamp(2).toInstant(), rs.getTimestamp(3) != null,
					!rs.getTimestamp(2).toInstant().isAfter(now)))
			.optional();
	}

	private Optional<Row> row(String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select id, account_id, purpose, expires_at, used_at, revoked_at from staff_invitation
				where token_hash = ?""")
			.param(hash(token))
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2),
					StaffAccountLinkIssued.Purpose.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant(),
					rs.getTimestamp(5) != null, rs.getTimestamp(6) != null))
			.optional();
	}

	/** 32 random bytes, Base64url without padding: 43 characters that need no escaping in a link. */
	private static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	private record Row(long id, long accountId, StaffAccountLinkIssued.Purpose purpose, Instant expiresAt,
			boolean used, boolean revoked) {

		/** Why the link no longer works, in the access trail's words; null while it works. */
		String problem(Instant now) {
			if (used) {
				return "used";
			}
			if (revoked) {
				return "replaced by a newer link";
			}
			if (!expiresAt.isAfter(now)) {
				return "expired";
			}
			return null;
		}

		OpenLink asOpen() {
			return new OpenLink(id, accountId, purpose);
		}

	}

}
