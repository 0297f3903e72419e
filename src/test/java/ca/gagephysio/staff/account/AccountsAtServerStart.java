package ca.gagephysio.staff.account;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Whether the first administrator ({@code clinic.admin.email}) existed at the moment the test application's web
 * server first took requests (its first {@link WebServerInitializedEvent}), for
 * {@code FirstAdministratorIdentityTests}: it must already be there then, or a sign-in in a first start's first
 * moments is refused.
 */
public class AccountsAtServerStart implements ApplicationListener<WebServerInitializedEvent> {

	private final StaffAccounts accounts;

	private final String adminEmail;

	private final AtomicReference<Boolean> adminExisted = new AtomicReference<>();

	public AccountsAtServerStart(StaffAccounts accounts, String adminEmail) {
		this.accounts = accounts;
		this.adminEmail = adminEmail;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (adminExisted.get() == null) {
			adminExisted.compareAndSet(null, accounts.byEmail(adminEmail).isPresent());
		}
	}

	/** Whether the account of {@code clinic.admin.email} existed when the server started; empty before it did. */
	Optional<Boolean> adminExisted() {
		return Optional.ofNullable(adminExisted.get());
	}

}
