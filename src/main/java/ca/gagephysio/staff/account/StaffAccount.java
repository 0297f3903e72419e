package ca.gagephysio.staff.account;

import ca.gagephysio.staff.session.AccountSessions;

import java.time.Instant;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import ca.gagephysio.shared.Sha256;
import ca.gagephysio.staff.StaffMember;

/**
 * A back-office account. The email (stored in lower case) is the user name; it can change (its owner after a second
 * factor, or an administrator), and so can the name. The session epoch goes up with every change that ends sessions
 * ({@link AccountSessions}, and a change of email): a session signed in under an older epoch is over.
 */
@Entity
@Table(name = "staff_account")
public class StaffAccount {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String email;

	@Column(nullable = false)
	private String displayName;

	@Column(nullable = false)
	private String passwordHash;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private StaffRole role;

	private boolean enabled;

	private boolean mustChangePassword;

	/** A first administrator created without {@code CLINIC_ADMIN_EMAIL}: asked for their name and email first. */
	private boolean identityToConfirm;

	private int sessionEpoch;

	/**
	 * The session whose person's own change raised {@link #sessionEpoch} to its value, as {@link #sessionKey} of its
	 * id and that epoch; {@code null} when anything else raised it (an administrator's change, a new email, a
	 * start-up).
	 */
	private String sessionEpochRaisedBy;

	/** Whether new-inquiry alerts are emailed to this account (when no shared front-desk address overrides it). */
	private boolean newInquiryEmails;

	/** Whether the weekly digest is emailed to this account (administrators only receive it); on by default. */
	private boolean weeklyDigest = true;

	@Column(nullable = false, updatable = false)
	private Instant createdAt;

	@Column(nullable = false)
	private Instant passwordChangedAt;

	@Version
	private long version;

	protected StaffAccount() {
		// for JPA
	}

	StaffAccount(String email, String displayName, StaffRole role, String passwordHash, boolean mustChangePassword,
			Instant now) {
		this.email = normalise(email);
		this.displayName = displayName.strip();
		this.role = role;
		this.passwordHash = passwordHash;
		this.mustChangePassword = mustChangePassword;
		this.enabled = true;
		this.newInquiryEmails = true;
		this.createdAt = now;
		this.passwordChangedAt = now;
	}

	public static String normalise(String email) {
		return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
	}

	/** The person chose a new password themselves. */
	void changePassword(String newHash, Instant now) {
		passwordHash = newHash;
		mustChangePassword = false;
		passwordChangedAt = now;
	}

	/**
	 * An administrator reset the password: the old one stops working (replaced by the hash of a random one nobody
	 * knows) and every session ends; the person chooses a new one through a one-time link.
	 */
	void resetPassword(String unusableHash, Instant now) {
		passwordHash = unusableHash;
		mustChangePassword = false;
		passwordChangedAt = now;
	}

	void rename(String displayName) {
		this.displayName = displayName.strip();
	}

	/** A new user name: every session signed in under the old one ends (the caller keeps the current one). */
	void changeEmail(String newEmail) {
		email = normalise(newEmail);
		sessionEpoch++;
		sessionEpochRaisedBy = null;
	}

	/** Marks a first administrator whose name and email are placeholders, to be asked at first sign-in. */
	void askForIdentity() {
		identityToConfirm = true;
	}

	void identityConfirmed() {
		identityToConfirm = false;
	}

	/** Ends every session signed in before: only through {@link AccountSessions}, which also clears the store. */
	public void endSessions() {
		sessionEpoch++;
		sessionEpochRaisedBy = null;
	}

	/**
	 * Ends every session signed in before but the one with this id, which made the change and takes the new epoch:
	 * only through {@link AccountSessions}, which also clears the store and gives that session the new epoch.
	 *
	 * @param sessionId the id of the session making the change ({@code HttpSession.getId()}); only its
	 * {@link #sessionKey} with the new epoch is stored
	 */
	public void endSessionsBut(String sessionId) {
		sessionEpoch++;
		sessionEpochRaisedBy = sessionKey(sessionId, sessionEpoch);
	}

	/**
	 * Whether the session with this id raised the current epoch, from exactly the epoch before ({@code epochBefore}):
	 * a request of that session which loaded its copy of the session before the change saved the new epoch into it.
	 * Any other stale epoch is a session the change was meant to end.
	 */
	public boolean sessionEpochRaisedBy(String sessionId, int epochBefore) {
		return sessionEpochRaisedBy != null && epochBefore == sessionEpoch - 1
				&& sessionEpochRaisedBy.equals(sessionKey(sessionId, sessionEpoch));
	}

	/**
	 * A session id as stored, with the epoch it raised: the SHA-256 of {@code id:epoch} in lower-case hex, so that the
	 * account table holds nothing a stolen copy could sign in with (the id is the session cookie's value), and an
	 * epoch raised any other way (a statement that does not go through this entity) never matches an older record.
	 */
	static String sessionKey(String sessionId, int epoch) {
		return Sha256.hex(sessionId + ":" + epoch);
	}

	void disable() {
		enabled = false;
	}

	void enable() {
		enabled = true;
	}

	/** The person's own choice on their account page; nobody else changes it. */
	void emailAboutNewInquiries(boolean wanted) {
		newInquiryEmails = wanted;
	}

	/** The person's own choice on their account page; nobody else changes it. */
	void emailWeeklyDigest(boolean wanted) {
		weeklyDigest = wanted;
	}

	public boolean isWeeklyDigest() {
		return weeklyDigest;
	}

	StaffMember asMember() {
		return new StaffMember(id, displayName, email);
	}

	public Long getId() {
		return id;
	}

	public String getEmail() {
		return email;
	}

	public String getDisplayName() {
		return displayName;
	}

	public String getPasswordHash() {
		return passwordHash;
	}

	public StaffRole getRole() {
		return role;
	}

	public boolean isEnabled() {
		return enabled;
	}

	public boolean isMustChangePassword() {
		return mustChangePassword;
	}

	public boolean isIdentityToConfirm() {
		return identityToConfirm;
	}

	public boolean isNewInquiryEmails() {
		return newInquiryEmails;
	}

	public int getSessionEpoch() {
		return sessionEpoch;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getPasswordChangedAt() {
		return passwordChangedAt;
	}

}
