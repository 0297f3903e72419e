package ca.gagephysio.staff.internal;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import ca.gagephysio.staff.StaffNotice;

/**
 * What the back-office layout shows on every page, whichever module's controller rendered it: the notices from
 * every {@link StaffNotice.Source} and the signed-in person's name. The layout calls it as {@code @staffLayout}, so
 * no controller has to remember to add it.
 */
@Component("staffLayout")
public class StaffLayout {

	private final ObjectProvider<StaffNotice.Source> sources;

	private final StaffAccounts accounts;

	StaffLayout(ObjectProvider<StaffNotice.Source> sources, StaffAccounts accounts) {
		this.sources = sources;
		this.accounts = accounts;
	}

	public List<StaffNotice> notices() {
		return sources.orderedStream().flatMap(source -> source.currentNotices().stream()).toList();
	}

	public String signedInName() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null) {
			return "";
		}
		return accounts.byEmail(authentication.getName())
			.map(StaffAccount::getDisplayName)
			.orElse(authentication.getName());
	}

}
