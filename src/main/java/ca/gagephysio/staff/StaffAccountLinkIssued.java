package ca.gagephysio.staff;

import java.time.Instant;

/**
 * A one-time link to choose a password was made for a staff account: an administrator invited a new member of
 * staff, or reset someone's password. Published in the transaction that stores the link, so the email that carries
 * it (the notification module's outbox) is queued with it or not at all. The link itself is never stored by the
 * staff module, only its hash; whoever queues the email must forget it once sent.
 *
 * @param email where the link goes: the account's email
 * @param displayName the person's name, for the greeting
 * @param link the absolute link, holding the token; works once
 * @param expiresAt when the link stops working (UTC); 72 hours after it was made
 * @param purpose an invitation to a new account, or a password reset
 */
public record StaffAccountLinkIssued(String email, String displayName, String link, Instant expiresAt,
		Purpose purpose) {

	/** Why the link was made. */
	public enum Purpose {

		INVITATION, PASSWORD_RESET

	}

}
