package ca.gagephysio.inquiry.form;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The ids of form tokens already used, in the database so that once holds across restarts and instances. A
 * token's id is claimed in the transaction that stores its inquiry; a second claim of the same id fails on the
 * primary key, even when two posts race on two instances. With each id goes the fingerprint of what was sent
 * ({@link InquiryForm#contentDigest()}), so a second post of the same form can be told apart from an edit of it.
 * The fingerprint is derived from personal details, so it goes with the row after the token lifetime, long before
 * any retention period ends.
 */
@Repository
class UsedFormTokens {

	private static final Logger log = LoggerFactory.getLogger(UsedFormTokens.class);

	private final JdbcClient jdbc;

	private final FormTokens tokens;

	private final Clock clock;

	UsedFormTokens(JdbcClient jdbc, FormTokens tokens, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Records the token as used, in the caller's transaction.
	 * @param contentDigest the fingerprint of what was sent with it
	 * @throws DuplicateKeyException if it was used already
	 */
	void claim(String tokenId, String contentDigest) {
		jdbc.sql("insert into inquiry_used_form_token (token_id, used_at, content_digest) values (?, ?, ?)")
			.params(tokenId, utc(clock.instant()), contentDigest)
			.update();
	}

	/**
	 * The fingerprint of what was sent with a used token; empty if the token is unused, was forgotten, or was used
	 * before fingerprints were kept.
	 */
	Optional<String> contentDigestOf(String tokenId) {
		return jdbc
			.sql("select content_digest from inquiry_used_form_token where token_id = ? and content_digest is not null")
			.param(tokenId)
			.query(String.class)
			.optional();
	}

	/**
	 * Forgets tokens that could not be taken any more anyway (used before their lifetime ended, so past it now).
	 * Their inquiries keep the token id, so a very late repeat is still recognised; without the fingerprint it
	 * cannot be told from an edit, so it comes back as the form naming the earlier inquiry.
	 */
	@Scheduled(fixedDelayString = "${clinic.inquiry.token-cleanup-interval:PT15M}", initialDelayString = "PT1M")
	@SchedulerLock(name = "inquiry-used-form-tokens-cleanup", lockAtMostFor = "PT10M")
	void forgetExpired() {
		int deleted = jdbc.sql("delete from inquiry_used_form_token where used_at < ?")
			.param(utc(clock.instant().minus(tokens.lifetime())))
			.update();
		if (deleted > 0) {
			log.debug("Forgot {} used inquiry form tokens past their lifetime", deleted);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
