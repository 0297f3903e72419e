package ca.gagephysio.staff.web;

import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.secondfactor.SecondFactorRule;

import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.stereotype.Component;

import ca.gagephysio.staff.BackOfficePages;
import ca.gagephysio.staff.StaffNotice;

/**
 * What the back-office layout shows on every page, whichever module's controller rendered it: the menu every module
 * contributes ({@link BackOfficePages}), the notices from every {@link StaffNotice.Source}, the signed-in person's
 * name, and whether the menu is shown at all. The layout calls it as {@code @staffLayout}, so no controller has to
 * remember to add it.
 */
@Component("staffLayout")
public class StaffLayout {

	private final ObjectProvider<StaffNotice.Source> sources;

	private final StaffAccounts accounts;

	private final ObjectProvider<BackOfficePages> pages;

	private final ObjectProvider<WebInvocationPrivilegeEvaluator> privileges;

	StaffLayout(ObjectProvider<StaffNotice.Source> sources, StaffAccounts accounts,
			ObjectProvider<BackOfficePages> pages, ObjectProvider<WebInvocationPrivilegeEvaluator> privileges) {
		this.sources = sources;
		this.accounts = accounts;
		this.pages = pages;
		this.privileges = privileges;
	}

	/**
	 * The menu for the signed-in person: every module's entries in their order, leaving out those the filter chain's
	 * rules would refuse them (asked of the rules themselves, so an administrators' page is never offered to other
	 * staff, and the menu cannot disagree with what a click would get).
	 */
	public List<BackOfficePages.MenuEntry> menu() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		WebInvocationPrivilegeEvaluator evaluator = privileges.getObject();
		return pages.orderedStream()
			.flatMap(declared -> declared.menu().stream())
			.sorted(Comparator.comparingInt(BackOfficePages.MenuEntry::order))
			.filter(entry -> evaluator.isAllowed(entry.path(), authentication))
			.toList();
	}

	/**
	 * Whether the session has both factors, so the menu and the notices are shown. Before the second factor (the
	 * step's explanation page, a temporary password's change, enrolling a first factor) a session reaches none of
	 * the menu's pages, so the layout offers none of them, nor the notices about them; only signing out.
	 */
	public boolean menuShown() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !SecondFactorRule.lacksSecondFactor(authentication);
	}

	/**
	 * The notices for the signed-in person: administrators see those for everyone and for administrators, other
	 * staff those for everyone and for other staff; none before the second factor.
	 */
	public List<StaffNotice> notices() {
		if (!menuShown()) {
			return List.of();
		}
		boolean administrator = signedInIsAdministrator();
		return sources.orderedStream()
			.flatMap(source -> source.currentNotices().stream())
			.filter(notice -> notice.audience().includes(administrator))
			.toList();
	}

	private static boolean signedInIsAdministrator() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch(authority -> ("ROLE_" + StaffRole.ADMIN.name()).equals(authority.getAuthority()));
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
