package ca.gagephysio.inquiry;

import java.time.Instant;

/**
 * A patient's answer to one of the clinic's emails, read from the clinic's mailbox and matched to its inquiry by
 * the notification module. Everything here is plain text: HTML was turned into text before it got here, and the
 * inbox escapes it when it shows it. Attachments are not carried, only counted (health records should not arrive by
 * email; they stay in the mailbox).
 *
 * @param messageKey the SHA-256 of the message's {@code Message-ID}, hex (64 characters): the same message read
 * twice, by two instances or after a restart, has the same key and is taken once
 * @param receivedAt when the clinic's mailbox received it (its {@code INTERNALDATE}), or when it was read if unknown
 * @param fromName the sender's display name as they wrote it (RFC 2047 decoded, so accents are kept), or
 * {@code null}; at most 200 characters
 * @param fromAddress the sender's address, or {@code null}; at most 254 characters
 * @param subject the subject, one line, at most 300 characters, or {@code null}
 * @param newText what they wrote this time: their own lines, in order, whether above, below or between the quoted
 * earlier messages, without the quote, its attribution line ("On ... wrote:") and the signature; at most 20,000
 * characters
 * @param foldedText the quoted earlier messages and the signature, shown folded away; empty when there were none
 * @param originalText the whole text of the message as received, as plain text (sanitised: never HTML); at most
 * 40,000 characters
 * @param attachments how many attachments were left in the mailbox, not stored
 * @param messageId the message's own {@code Message-ID} (RFC 5322 section 3.6.4), angle brackets included, checked to
 * be exactly one of printable ASCII and at most 250 characters, or {@code null}: the clinic's next reply names it in
 * {@code In-Reply-To} and {@code References}, so the person's mail client threads the conversation
 */
public record PatientAnswer(String messageKey, Instant receivedAt, String fromName, String fromAddress,
		String subject, String newText, String foldedText, String originalText, int attachments, String messageId) {
}
