package ca.gagephysio.staff.trail;

import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.account.AccountsThisRequest;
import ca.gagephysio.staff.account.StaffAccountRepository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import ca.gagephysio.staff.AccessTrail;

/**
 * The access trail, stored in {@code audit_entry}. The actor is the signed-in account; the client address is the
 * request's remote address (behind a reverse proxy, set {@code server.forward-headers-strategy=native} so it is the
 * person's and not the proxy's).
 */
@Service
public class JpaAccessTrail implements AccessTrail {

	private final AuditEntryRepository entries;

	private final StaffAccountRepository accounts;

	private final JdbcTemplate jdbc;

	/** The signed-in account as this request already read it (the account-state check reads it first). */
	private final AccountsThisRequest signedIn;

	JpaAccessTrail(AuditEntryRepository entries, StaffAccountRepository accounts, JdbcTemplate jdbc,
			AccountsThisRequest signedIn) {
		this.entries = entries;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.signedIn = signedIn;
	}

	@Override
	@Transactional
	public void record(String action, String subjectType, Long subjectId, String detail) {
		Actor actor = currentActor();
		entries.save(new AuditEntry(Instant.now(), actor.id(), actor.email(), action, subjectType, subjectId, detail,
				clientAddress()));
	}

	@Override
	@Transactional
	public void recordEach(String action, String subjectType, Collection<Long> subjectIds, String detail) {
		if (subjectIds.isEmpty()) {
			return;
		}
		Actor actor = currentActor();
		String address = clientAddress();
		OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
		// One JDBC batch in this transaction, not an insert per entry: the entity's identity key makes Hibernate send
		// each insert on its own, and an inbox page lists 25 inquiries. Written with the page's own transaction, so
		// an entry is stored exactly when what it records happened (PHIPA): never lost, never for a rolled-back read.
		jdbc.batchUpdate("""
				insert into audit_entry (at, actor_id, actor_email, action, subject_type, subject_id, detail, client_address)
				values (?, ?, ?, ?, ?, ?, ?, ?)""", subjectIds.stream()
			.map(subjectId -> new Object[] { now, actor.id(), actor.email(), action, subjectType, subjectId, detail,
					address })
			.toList());
	}

	/** For sign-in events, where the person is named by what they typed rather than by a session. */
	@Transactional
	public void recordFor(String typedEmail, String action, String detail) {
		String email = StaffAccount.normalise(typedEmail);
		Long actorId = accounts.findByEmail(email).map(StaffAccount::getId).orElse(null);
		entries.save(new AuditEntry(Instant.now(), actorId, email.isEmpty() ? null : email, action, null, null,
				detail, clientAddress()));
	}

	@Override
	@Transactional(readOnly = true)
	public List<Entry> entriesAbout(String subjectType, Collection<Long> subjectIds) {
		if (subjectIds.isEmpty()) {
			return List.of();
		}
		return entries.findBySubjectTypeAndSubjectIdInOrderByAtAscIdAsc(subjectType, subjectIds)
			.stream()
			.map(AuditEntry::asEntry)
			.toList();
	}

	private Actor currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return new Actor(null, null);
		}
		String email = StaffAccount.normalise(authentication.getName());
		return new Actor(signedIn.byEmail(email).map(StaffAccount::getId).orElse(null), email);
	}

	static String clientAddress() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			HttpServletRequest request = servlet.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

	private record Actor(Long id, String email) {
	}

}
