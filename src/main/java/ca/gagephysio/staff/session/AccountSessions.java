package ca.gagephysio.staff.session;

import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.account.StaffAccountRepository;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.signin.SignInEvents;

import java.util.HashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one way a change to an account ends that person's sessions, at once, on every instance. Two things happen,
 * so that neither alone has to be perfect:
 * <ol>
 * <li>The account's session epoch goes up, in the transaction of the change. Every session keeps the epoch it
 * signed in with ({@link SignInEvents#SESSION_EPOCH}), and {@link AccountStateFilter} ends any session whose
 * epoch is not the account's on its very next request, whichever instance receives it and whatever it asks for
 * ({@code /webauthn/**} included). The epoch is in the shared database, so no instance can miss it.</li>
 * <li>Once the change is committed, the sessions themselves are deleted from the shared session store (Spring
 * Session JDBC, found by its principal-name index), so an ended session's cookie is an unknown one everywhere, as
 * after a sign-out.</li>
 * </ol>
 * The person's own changes (password, authenticator app, recovery codes, passkeys) end every <em>other</em>
 * session: the one making the change is given the new epoch and stays signed in, and is recorded as the one that
 * raised it, so its other requests running at that moment (another tab, with a copy of the session loaded before)
 * stay signed in too ({@link StaffAccount#sessionEpochRaisedBy}). An administrator's changes to
 * someone (password reset, second-factor reset, disabling) end all of that person's sessions.
 * <p>
 * Call inside or outside a transaction: the epoch is raised in the caller's transaction if there is one, and the
 * store is cleaned only after it commits (a change rolled back ends nothing).
 */
@Service
public class AccountSessions {

	private final StaffAccountRepository accounts;

	private final FindByIndexNameSessionRepository<? extends Session> store;

	AccountSessions(StaffAccountRepository accounts, FindByIndexNameSessionRepository<? extends Session> store) {
		this.accounts = accounts;
		this.store = store;
	}

	/**
	 * Ends every session of the account (an administrator's change to someone). Should the current request be one
	 * of them (an administrator resetting their own password), its session is left in the store for this request
	 * to finish with and ends on its next one, by its old epoch: deleting it under a running request would make
	 * that request's own save of the session fail.
	 */
	@Transactional
	public void endAll(long accountId) {
		StaffAccount account = raiseEpoch(accountId, null);
		afterCommit(() -> deleteStored(account.getEmail(), currentRequest()));
	}

	/**
	 * Ends every session of the account except the current request's, which is given the new epoch (the person's
	 * own change; outside a request, e.g. at start-up, every session ends).
	 */
	@Transactional
	public void endAllButThisOne(long accountId) {
		HttpServletRequest current = currentRequest();
		StaffAccount account = raiseEpoch(accountId, current == null ? null : current.getSession(false));
		int epoch = account.getSessionEpoch();
		afterCommit(() -> {
			HttpSession kept = current == null ? null : current.getSession(false);
			if (kept != null) {
				kept.setAttribute(SignInEvents.SESSION_EPOCH, epoch);
			}
			deleteStored(account.getEmail(), current);
		});
	}

	/**
	 * Raises the account's epoch, recording {@code kept} as the session that raised it when there is one, so a
	 * request of that session running beside this one (another tab), whose copy of the session still has the epoch
	 * before, is not ended by this change ({@link AccountStateFilter}).
	 */
	private StaffAccount raiseEpoch(long accountId, HttpSession kept) {
		StaffAccount account = accounts.findById(accountId).orElseThrow(StaffAccounts.UnknownAccount::new);
		if (kept == null) {
			account.endSessions();
		}
		else {
			account.endSessionsBut(kept.getId());
		}
		return account;
	}

	/**
	 * Deletes the person's sessions from the shared store, but the one of {@code current} (the request being
	 * handled, if any). Spring Session indexes a session under the name of the authentication it holds, which here
	 * is the account's email. The current session is known by two ids: the one its cookie sent, which is what the
	 * store still holds if this request gave it a new id (at the end of sign-in, say), and its id now.
	 */
	private void deleteStored(String email, HttpServletRequest current) {
		Set<String> keep = new HashSet<>();
		if (current != null) {
			keep.add(current.getRequestedSessionId());
			HttpSession session = current.getSession(false);
			if (session != null) {
				keep.add(session.getId());
			}
		}
		deleteStoredUnder(email, keep);
	}

	/**
	 * Deletes every session signed in as {@code email} from the shared store, but those with the ids in
	 * {@code keep}; also for sessions under an email the account no longer has ({@link RenamedSessions}).
	 */
	void deleteStoredUnder(String email, Set<String> keep) {
		store.findByPrincipalName(email)
			.keySet()
			.stream()
			.filter(id -> !keep.contains(id))
			.forEach(store::deleteById);
	}

	/** The request being handled, if any (whose session is the one making a person's own change). */
	private static HttpServletRequest currentRequest() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest() : null;
	}

	/**
	 * Runs {@code action} once the current transaction has committed. The session store writes in a transaction of
	 * its own (Spring Session's is {@code REQUIRES_NEW}), so it is safe to use from there.
	 */
	private static void afterCommit(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

}
