package ca.gagephysio.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import ca.gagephysio.shared.Sha256;

/**
 * The suppression list: addresses that unsubscribed from the clinic's emails that do not answer their inquiry
 * (Canada's anti-spam law, S.C. 2010, c. 23, s. 11(3): the request takes effect without delay, at most 10 business
 * days). Only the SHA-256 of the address in lower case is stored ({@code mail_suppression}, V85), never the address:
 * the list must outlive the inquiries (retention erases those) without keeping who was on it readable.
 */
@Component
class MailSuppression {

	private final JdbcClient jdbc;

	MailSuppression(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The key an address is listed under: SHA-256 of its trimmed lower-case form, 64 hex digits. */
	static String hashOf(String address) {
		return Sha256.hex(address.strip().toLowerCase(Locale.ROOT));
	}

	@Transactional(readOnly = true)
	boolean suppressed(String address) {
		return address != null && isListed(hashOf(address));
	}

	boolean isListed(String addressHash) {
		return jdbc.sql("select count(*) from mail_suppression where address_hash = ?")
			.param(addressHash)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Lists the address (by its hash); listing it again, or twice at the same moment (a mail provider's one-click
	 * request and the person's own click on the page), changes nothing and fails neither. One statement that does
	 * nothing when the row is there ({@code on conflict do nothing}: PostgreSQL, and H2 in its PostgreSQL mode, see
	 * {@code site.H2CompatibilityOptions}): a check then an insert let the second of two requests at the same instant
	 * fail on the primary key, which on PostgreSQL also ends its transaction.
	 */
	@Transactional
	void suppress(String addressHash, Instant now) {
		jdbc.sql("insert into mail_suppression (address_hash, created_at) values (?, ?) on conflict do nothing")
			.params(addressHash, Timestamp.from(now))
			.update();
	}

}
