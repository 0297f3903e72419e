package ca.gagephysio.staff.account;

import ca.gagephysio.staff.secondfactor.SecondFactors;
import ca.gagephysio.staff.session.AccountSessions;
import ca.gagephysio.staff.signin.SignInThrottle;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.web.bind.annotation.ResponseStatus;

import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.StaffAccountLinkIssued;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffEmailChanged;
import ca.gagephysio.staff.StaffMember;

/**
 * Everything done to staff accounts: inviting someone, resetting a password (both by one-time link), changing a
 * name or an email, disabling, a person changing their own password. Every change is written to the access trail.
 */
@Service
@Transactional
public class StaffAccounts implements StaffDirectory {

	static final String EMAIL_TAKEN = "staff.users.email-taken";

	static final String LINK_INVALID = "staff.invitation.link-invalid";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final StaffAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy policy;

	private final AccessTrail trail;

	private final SecondFactors factors;

	private final StaffInvitations invitations;

	private final SignInThrottle throttle;

	private final ApplicationEventPublisher events;

	private final AccountSessions sessions;

	StaffAccounts(StaffAccountRepository accounts, PasswordEncoder passwordEncoder, PasswordPolicy policy,
			AccessTrail trail, SecondFactors factors, StaffInvitations invitations, SignInThrottle throttle,
			ApplicationEventPublisher events, AccountSessions sessions) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.policy = policy;
		this.trail = trail;
		this.factors = factors;
		this.invitations = invitations;
		this.throttle = throttle;
		this.events = events;
		this.sessions = sessions;
	}

	/**
	 * Invites a new member of staff: the account exists at once (so its email is taken, and nobody can sign in to it:
	 * its password is a random one nobody knows) and its owner chooses a password through a one-time link, sent by
	 * email ({@link StaffInvitations}). Returns the account and the link, for the administrator to copy once.
	 *
	 * @throws AccountProblem {@code staff.users.email-taken} if an account has that email, also when another
	 * request takes it at the same moment (the unique index decides)
	 */
	public Invited invite(String email, String displayName, StaffRole role) {
		String normalised = StaffAccount.normalise(email);
		if (accounts.findByEmail(normalised).isPresent()) {
			throw new AccountProblem(EMAIL_TAKEN);
		}
		StaffAccount account;
		try {
			account = accounts.saveAndFlush(new StaffAccount(normalised, displayName, role, unusablePasswordHash(),
					false, Instant.now()));
		}
		catch (DataIntegrityViolationException takenMeanwhile) {
			throw new AccountProblem(EMAIL_TAKEN);
		}
		trail.record("STAFF_ACCOUNT_ADDED", "STAFF_ACCOUNT", account.getId(), "role " + role + ", invited by email");
		return new Invited(account, invitations.issue(account, StaffAccountLinkIssued.Purpose.INVITATION));
	}

	/** A new account and the one-time link its owner chooses a password with. */
	public record Invited(StaffAccount account, String link) {
	}

	/** The very first account, created at start-up; its password is the operator's choice or a random one. */
	StaffAccount addFirstAdmin(String email, String displayName, String password, boolean mustChangePassword,
			boolean askForIdentity) {
		requireAcceptable(password, email);
		StaffAccount account = new StaffAccount(email, displayName, StaffRole.ADMIN, passwordEncoder.encode(password),
				mustChangePassword, Instant.now());
		if (askForIdentity) {
			account.askForIdentity();
		}
		account = accounts.save(account);
		trail.record("STAFF_ACCOUNT_ADDED", "STAFF_ACCOUNT", account.getId(), "first administrator, at start-up");
		return account;
	}

	/**
	 * An administrator resets someone's password: the old one stops working at once, every session of theirs ends,
	 * and they choose a new one through a one-time link sent to their email. Returns the link, to copy once.
	 */
	public String resetPassword(long accountId) {
		StaffAccount account = existing(accountId);
		if (account.getEmail().equals(signedInEmail())) {
			// One's own reset would void the password this session signed in with and end the session, leaving a
			// sole administrator without a mail server locked out: one's own password is changed on its own page.
			throw new AccountProblem("staff.users.cannot-reset-own-password");
		}
		account.resetPassword(unusablePasswordHash(), Instant.now());
		sessions.endAll(accountId);
		trail.record("STAFF_PASSWORD_RESET", "STAFF_ACCOUNT", accountId, null);
		return invitations.issue(account, StaffAccountLinkIssued.Purpose.PASSWORD_RESET);
	}

	/**
	 * The owner of a one-time link chooses their password: the link is spent (once, even if two requests race) and
	 * the password set. The person then signs in as usual, and sets up a second factor if they have none.
	 *
	 * @throws AccountProblem {@code staff.invitation.link-invalid} if the link no longer works (used, replaced,
	 * expired, or the account disabled), or the password policy's key if the password is not acceptable (the link
	 * is then not spent)
	 */
	public void choosePasswordWithLink(String token, String newPassword) {
		StaffAccount account = invitations.open(token)
			.flatMap(link -> accounts.findById(link.accountId()))
			.filter(StaffAccount::isEnabled)
			.orElseThrow(() -> new AccountProblem(LINK_INVALID));
		requireAcceptable(newPassword, account.getEmail());
		if (!invitations.use(token)) {
			throw new AccountProblem(LINK_INVALID);
		}
		account.changePassword(passwordEncoder.encode(newPassword), Instant.now());
		trail.record("STAFF_PASSWORD_CHOSEN", "STAFF_ACCOUNT", account.getId(), "with a one-time link");
	}

	/** The signed-in person changes their own display name. */
	public void renameSelf(String displayName) {
		StaffAccount account = signedInForUpdate();
		if (!account.getDisplayName().equals(displayName.strip())) {
			account.rename(displayName);
			trail.record("STAFF_NAME_CHANGED", "STAFF_ACCOUNT", account.getId(), "by the account holder");
		}
	}

	/**
	 * Checks a second factor typed again by the signed-in person (an authenticator-app code or a recovery code, which
	 * is then spent), with the sign-in throttle's counters: the attempt is counted before the code is checked (so
	 * parallel attempts get no more checks than the limit, as at sign-in), a right code gives its count back, and a
	 * throttled account or address is refused unchecked. An attempt that cannot be counted (a database error) is
	 * refused, never checked uncounted. Its own transaction, so a wrong code stays counted.
	 *
	 * @return null if the code is right, else the message key saying why not
	 */
	public String checkOwnSecondFactor(String code, String clientAddress) {
		StaffAccount account = signedIn();
		Optional<java.time.Duration> wait;
		try {
			wait = throttle.admit(account.getEmail(), clientAddress, Instant.now());
		}
		catch (RuntimeException ex) {
			// PostgreSQL refuses every later statement of a transaction whose statement failed: end it quietly here
			// rather than fail its commit
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
			return "staff.account.email.unavailable";
		}
		if (wait.isPresent()) {
			trail.record("STAFF_CODE_THROTTLED", "STAFF_ACCOUNT", account.getId(), "changing the email");
			return "staff.account.email.throttled";
		}
		String typed = code == null || code.length() > 64 ? "" : code;
		SecondFactors.CodeCheck result = factors.check(account.getId(), typed);
		if (result instanceof SecondFactors.CodeCheck.Wrong || result instanceof SecondFactors.CodeCheck.AppUnreadable) {
			trail.record("STAFF_CODE_WRONG", "STAFF_ACCOUNT", account.getId(), "changing the email");
			return result instanceof SecondFactors.CodeCheck.AppUnreadable ? "staff.account.email.app-unreadable"
					: "staff.account.email.code-wrong";
		}
		throttle.refund(account.getEmail(), clientAddress);
		return null;
	}

	/**
	 * The signed-in person changes their own email, after {@link #checkOwnSecondFactor} said yes: a notice goes to
	 * the old address, passkeys follow, and every other session of theirs ends. Returns the account as changed.
	 *
	 * @throws AccountProblem {@code staff.users.email-taken} if another account has that email
	 */
	public StaffAccount changeOwnEmail(String newEmail) {
		StaffAccount account = signedInForUpdate();
		changeEmail(account, newEmail, false);
		return account;
	}

	/**
	 * An administrator changes another account's name and email. Their own goes through "My account", where the
	 * email needs their second factor again.
	 *
	 * @return the email the account had, if it changed (its sessions are to end), else empty
	 * @throws AccountProblem {@code staff.users.own-identity} for one's own account, {@code staff.users.email-taken}
	 * if another account has that email
	 */
	public Optional<String> changeIdentity(long accountId, String displayName, String email) {
		StaffAccount account = existing(accountId);
		if (account.getEmail().equals(signedInEmail())) {
			throw new AccountProblem("staff.users.own-identity");
		}
		if (!account.getDisplayName().equals(displayName.strip())) {
			account.rename(displayName);
			trail.record("STAFF_NAME_CHANGED", "STAFF_ACCOUNT", accountId, "by an administrator");
		}
		String old = account.getEmail();
		return changeEmail(account, email, true) ? Optional.of(old) : Optional.empty();
	}

	/**
	 * A first administrator created with a placeholder name and email gives their own at first sign-in, together
	 * with the password change that is due. Returns the account.
	 */
	public StaffAccount confirmFirstIdentity(String currentPassword, String newPassword, String displayName,
			String email) {
		StaffAccount account = signedInForUpdate();
		if (!passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
			throw new AccountProblem("staff.password.current-wrong");
		}
		String normalised = StaffAccount.normalise(email);
		if (passwordEncoder.matches(newPassword, account.getPasswordHash())) {
			throw new AccountProblem("staff.password.same-as-before");
		}
		requireAcceptable(newPassword, normalised);
		account.changePassword(passwordEncoder.encode(newPassword), Instant.now());
		trail.record("STAFF_PASSWORD_CHANGED", "STAFF_ACCOUNT", account.getId(), null);
		String placeholder = account.getEmail();
		account.rename(displayName);
		if (!normalised.equals(placeholder)) {
			requireFree(normalised, account);
			factors.renameOwner(placeholder, normalised);
			account.changeEmail(normalised);
			flushEmail();
		}
		account.identityConfirmed();
		trail.record("STAFF_IDENTITY_CONFIRMED", "STAFF_ACCOUNT", account.getId(),
				"first sign-in; email was " + placeholder + ", now " + normalised);
		return account;
	}

	/** Returns whether the email changed. */
	private boolean changeEmail(StaffAccount account, String email, boolean byAdministrator) {
		String old = account.getEmail();
		String normalised = StaffAccount.normalise(email);
		if (normalised.equals(old)) {
			return false;
		}
		requireFree(normalised, account);
		factors.renameOwner(old, normalised);
		account.changeEmail(normalised);
		flushEmail();
		// The addresses go in the detail: the trail names each actor by the email they had then, so the privacy
		// officer needs the link between the old and the new one to read it.
		trail.record("STAFF_EMAIL_CHANGED", "STAFF_ACCOUNT", account.getId(),
				(byAdministrator ? "by an administrator" : "by the account holder") + "; from " + old + " to "
						+ normalised);
		events.publishEvent(new StaffEmailChanged(account.getDisplayName(), old, normalised, byAdministrator));
		return true;
	}

	private void requireFree(String email, StaffAccount account) {
		if (accounts.findByEmail(email).filter(other -> !other.getId().equals(account.getId())).isPresent()) {
			throw new AccountProblem(EMAIL_TAKEN);
		}
	}

	/** Writes the new email now, so a race for the same address ends here, in words, not in a 500 at commit. */
	private void flushEmail() {
		try {
			accounts.flush();
		}
		catch (DataIntegrityViolationException takenMeanwhile) {
			throw new AccountProblem(EMAIL_TAKEN);
		}
	}

	/** The hash of a random password nobody is told: the account exists but cannot be signed in to. */
	private String unusablePasswordHash() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return passwordEncoder.encode(Base64.getEncoder().encodeToString(bytes));
	}

	/**
	 * An administrator forgets another person's passkeys, authenticator app and recovery codes (a lost phone): their
	 * sessions end, and they must enrol a factor again at their next sign-in. Never one's own: an administrator who
	 * could would turn a stolen password plus a moment at an unlocked screen into a thief's own second factor.
	 */
	public void resetSecondFactors(long accountId) {
		StaffAccount account = existing(accountId);
		if (account.getEmail().equals(signedInEmail())) {
			throw new AccountProblem("staff.users.cannot-reset-own-factors");
		}
		factors.reset(account.getId(), account.getEmail());
		sessions.endAll(accountId);
		trail.record("STAFF_SECOND_FACTORS_RESET", "STAFF_ACCOUNT", accountId, null);
	}

	/** Every session of the person ends with it. */
	public void disable(long accountId) {
		StaffAccount account = existing(accountId);
		if (account.getEmail().equals(signedInEmail())) {
			throw new AccountProblem("staff.users.cannot-disable-self");
		}
		account.disable();
		sessions.endAll(accountId);
		trail.record("STAFF_ACCOUNT_DISABLED", "STAFF_ACCOUNT", accountId, null);
	}

	public void enable(long accountId) {
		existing(accountId).enable();
		trail.record("STAFF_ACCOUNT_ENABLED", "STAFF_ACCOUNT", accountId, null);
	}

	/**
	 * The signed-in person replaces their own password, proving they know the current one. Every other session of
	 * theirs ends (one signed in by whoever learnt the old password, say); this one stays signed in.
	 */
	public void changeOwnPassword(String currentPassword, String newPassword) {
		StaffAccount account = signedInForUpdate();
		if (!passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
			throw new AccountProblem("staff.password.current-wrong");
		}
		if (passwordEncoder.matches(newPassword, account.getPasswordHash())) {
			throw new AccountProblem("staff.password.same-as-before");
		}
		requireAcceptable(newPassword, account.getEmail());
		account.changePassword(passwordEncoder.encode(newPassword), Instant.now());
		sessions.endAllButThisOne(account.getId());
		trail.record("STAFF_PASSWORD_CHANGED", "STAFF_ACCOUNT", account.getId(), null);
	}

	/** The signed-in person turns new-inquiry emails to themselves on or off. */
	public void chooseNewInquiryEmails(boolean wanted) {
		StaffAccount account = signedInForUpdate();
		if (account.isNewInquiryEmails() != wanted) {
			account.emailAboutNewInquiries(wanted);
			trail.record("STAFF_NEW_INQUIRY_EMAILS_" + (wanted ? "ON" : "OFF"), "STAFF_ACCOUNT", account.getId(), null);
		}
	}

	/** The signed-in person turns the weekly digest to themselves on or off. */
	public void chooseWeeklyDigest(boolean wanted) {
		StaffAccount account = signedInForUpdate();
		if (account.isWeeklyDigest() != wanted) {
			account.emailWeeklyDigest(wanted);
			trail.record("STAFF_WEEKLY_DIGEST_" + (wanted ? "ON" : "OFF"), "STAFF_ACCOUNT", account.getId(), null);
		}
	}

	/** The signed-in person's own account. */
	@Transactional(readOnly = true)
	public StaffAccount signedIn() {
		return accounts.findByEmail(signedInEmail()).orElseThrow(NotSignedIn::new);
	}

	/**
	 * The signed-in person's account, its row locked until the transaction ends: a second change of it at the same
	 * instant (a double click) waits, then sees the first's version, instead of failing on it with a 500.
	 */
	private StaffAccount signedInForUpdate() {
		return accounts.findByEmailForUpdate(signedInEmail()).orElseThrow(NotSignedIn::new);
	}

	@Transactional(readOnly = true)
	public List<StaffAccount> all() {
		return accounts.findAllByOrderByDisplayNameAsc();
	}

	/**
	 * @throws UnknownAccount (a 404) if there is none
	 */
	@Transactional(readOnly = true)
	public StaffAccount account(long id) {
		// not existing(id): its row lock is refused in a read-only transaction on PostgreSQL
		return accounts.findById(id).orElseThrow(UnknownAccount::new);
	}

	@Transactional(readOnly = true)
	public Optional<StaffAccount> byEmail(String email) {
		return accounts.findByEmail(StaffAccount.normalise(email));
	}

	@Transactional(readOnly = true)
	public boolean noneExists() {
		return accounts.count() == 0;
	}

	@Override
	@Transactional(readOnly = true)
	public StaffMember current() {
		return accounts.findByEmail(signedInEmail()).map(StaffAccount::asMember).orElseThrow(NotSignedIn::new);
	}

	@Override
	@Transactional(readOnly = true)
	public List<StaffMember> enabledStaff() {
		return accounts.findByEnabledTrueOrderByDisplayNameAsc().stream().map(StaffAccount::asMember).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public List<StaffMember> newInquiryAlertRecipients() {
		return accounts.findByEnabledTrueAndNewInquiryEmailsTrueOrderByDisplayNameAsc()
			.stream()
			.map(StaffAccount::asMember)
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public List<StaffMember> administrators() {
		return accounts.findByEnabledTrueAndRoleOrderByDisplayNameAsc(StaffRole.ADMIN)
			.stream()
			.map(StaffAccount::asMember)
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public List<StaffMember> weeklyDigestRecipients() {
		return accounts.findByEnabledTrueAndRoleAndWeeklyDigestTrueOrderByDisplayNameAsc(StaffRole.ADMIN)
			.stream()
			.map(StaffAccount::asMember)
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<StaffMember> find(long id) {
		return accounts.findById(id).map(StaffAccount::asMember);
	}

	/**
	 * The account, its row locked until this transaction ends: every change an administrator makes to an account
	 * goes through here, so two at the same instant happen one after the other instead of one failing its version.
	 */
	private StaffAccount existing(long accountId) {
		return accounts.findByIdForUpdate(accountId).orElseThrow(UnknownAccount::new);
	}

	private void requireAcceptable(String password, String email) {
		policy.problemWith(password, email).ifPresent(key -> {
			throw new AccountProblem(key);
		});
	}

	private static String signedInEmail() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null ? "" : StaffAccount.normalise(authentication.getName());
	}

	/** No staff member is signed in on this request. */
	static class NotSignedIn extends IllegalStateException {

		NotSignedIn() {
			super("No staff member is signed in");
		}

	}

	/** An account id that does not exist; shown as a 404. */
	@ResponseStatus(HttpStatus.NOT_FOUND)
	public static class UnknownAccount extends RuntimeException {

		public UnknownAccount() {
			super("No such staff account");
		}

	}

}
