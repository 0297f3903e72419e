package ca.gagephysio.staff.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;

import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffMember;

/**
 * Everything done to staff accounts: adding one, resetting a password, disabling, a person changing their own
 * password. Every change is written to the access trail.
 */
@Service
@Transactional
public class StaffAccounts implements StaffDirectory {

	private final StaffAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy policy;

	private final AccessTrail trail;

	private final SecondFactors factors;

	StaffAccounts(StaffAccountRepository accounts, PasswordEncoder passwordEncoder, PasswordPolicy policy,
			AccessTrail trail, SecondFactors factors) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.policy = policy;
		this.trail = trail;
		this.factors = factors;
	}

	/**
	 * Adds an account with a temporary password that its owner must replace at first sign-in.
	 */
	public StaffAccount add(String email, String displayName, StaffRole role, String temporaryPassword) {
		String normalised = StaffAccount.normalise(email);
		if (accounts.findByEmail(normalised).isPresent()) {
			throw new AccountProblem("staff.users.email-taken");
		}
		requireAcceptable(temporaryPassword, normalised);
		StaffAccount account;
		try {
			account = accounts.save(new StaffAccount(normalised, displayName, role,
					passwordEncoder.encode(temporaryPassword), true, Instant.now()));
		}
		catch (DataIntegrityViolationException sameEmailAtTheSameInstant) {
			// Two administrators (or a double click) adding one address at once: the unique key lets one in.
			throw new AccountProblem("staff.users.email-taken");
		}
		trail.record("STAFF_ACCOUNT_ADDED", "STAFF_ACCOUNT", account.getId(), "role " + role);
		return account;
	}

	/** The very first account, created at start-up; its password is the operator's choice or a random one. */
	StaffAccount addFirstAdmin(String email, String displayName, String password, boolean mustChangePassword) {
		requireAcceptable(password, email);
		StaffAccount account = accounts.save(new StaffAccount(email, displayName, StaffRole.ADMIN,
				passwordEncoder.encode(password), mustChangePassword, Instant.now()));
		trail.record("STAFF_ACCOUNT_ADDED", "STAFF_ACCOUNT", account.getId(), "first administrator, at start-up");
		return account;
	}

	public void resetPassword(long accountId, String temporaryPassword) {
		StaffAccount account = existing(accountId);
		requireAcceptable(temporaryPassword, account.getEmail());
		account.resetPassword(passwordEncoder.encode(temporaryPassword), Instant.now());
		trail.record("STAFF_PASSWORD_RESET", "STAFF_ACCOUNT", accountId, null);
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
		account.endSessions();
		trail.record("STAFF_SECOND_FACTORS_RESET", "STAFF_ACCOUNT", accountId, null);
	}

	public void disable(long accountId) {
		StaffAccount account = existing(accountId);
		if (account.getEmail().equals(signedInEmail())) {
			throw new AccountProblem("staff.users.cannot-disable-self");
		}
		account.disable();
		trail.record("STAFF_ACCOUNT_DISABLED", "STAFF_ACCOUNT", accountId, null);
	}

	public void enable(long accountId) {
		existing(accountId).enable();
		trail.record("STAFF_ACCOUNT_ENABLED", "STAFF_ACCOUNT", accountId, null);
	}

	/** The signed-in person replaces their own password, proving they know the current one. */
	public void changeOwnPassword(String currentPassword, String newPassword) {
		StaffAccount account = accounts.findByEmailForUpdate(signedInEmail()).orElseThrow(NotSignedIn::new);
		if (!passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
			throw new AccountProblem("staff.password.current-wrong");
		}
		if (passwordEncoder.matches(newPassword, account.getPasswordHash())) {
			throw new AccountProblem("staff.password.same-as-before");
		}
		requireAcceptable(newPassword, account.getEmail());
		account.changePassword(passwordEncoder.encode(newPassword), Instant.now());
		trail.record("STAFF_PASSWORD_CHANGED", "STAFF_ACCOUNT", account.getId(), null);
	}

	/** The signed-in person turns new-inquiry emails to themselves on or off. */
	public void chooseNewInquiryEmails(boolean wanted) {
		StaffAccount account = accounts.findByEmailForUpdate(signedInEmail()).orElseThrow(NotSignedIn::new);
		if (account.isNewInquiryEmails() != wanted) {
			account.emailAboutNewInquiries(wanted);
			trail.record("STAFF_NEW_INQUIRY_EMAILS_" + (wanted ? "ON" : "OFF"), "STAFF_ACCOUNT", account.getId(), null);
		}
	}

	/** The signed-in person's own account. */
	@Transactional(readOnly = true)
	public StaffAccount signedIn() {
		return accounts.findByEmail(signedInEmail()).orElseThrow(NotSignedIn::new);
	}

	@Transactional(readOnly = true)
	public List<StaffAccount> all() {
		return accounts.findAllByOrderByDisplayNameAsc();
	}

	@Transactional(readOnly = true)
	public Optional<StaffAccount> byEmail(String email) {
		return accounts.findByEmail(StaffAccount.normalise(email));
	}

	@Transactional(readOnly = true)
	public boolean signedInMustChangePassword() {
		return accounts.findByEmail(signedInEmail()).map(StaffAccount::isMustChangePassword).orElse(false);
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
	static class UnknownAccount extends RuntimeException {

		UnknownAccount() {
			super("No such staff account");
		}

	}

}
