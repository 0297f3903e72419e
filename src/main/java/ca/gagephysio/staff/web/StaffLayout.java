package ca.gagephysio.staff.web;

import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.account.AccountsThisRequest;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.secondfactor.SecondFactorRule;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
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

	private final AccountsThisRequest accounts;

	private final ObjectProvider<BackOfficePages> pages;

	private final ObjectProvider<WebInvocationPrivilegeEvaluator> privileges;

	private final NoticeCache notices;

	StaffLayout(ObjectProvider<StaffNotice.Source> sources, AccountsThisRequest accounts,
			ObjectProvider<BackOfficePages> pages, ObjectProvider<WebInvocationPrivilegeEvaluator> privileges,
			ObjectProvider<Clock> clock, @Value("${clinic.staff.notices.cache-for:5s}") Duration noticesCacheFor) {
		this.sources = sources;
		this.accounts = accounts;
		this.pages = pages;
		this.privileges = privileges;
		this.notices = new NoticeCache(this::gatherNotices, clock.getIfUnique(Clock::systemUTC), noticesCacheFor);
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
	 * staff those for everyone and for other staff; none before the second factor. Gathered from the modules at most
	 * once per {@code clinic.staff.notices.cache-for} ({@link NoticeCache}); the audience is filtered per person after.
	 */
	public List<StaffNotice> notices() {
		if (!menuShown()) {
			return List.of();
		}
		boolean administrator = signedInIsAdministrator();
		return notices.current()
			.stream()
			.filter(notice -> notice.audience().includes(administrator))
			.toList();
	}

	/** Forgets the gathered notices: called after every back-office write on this instance. */
	void forgetNotices() {
		notices.forget();
	}

	private List<StaffNotice> gatherNotices() {
		return sources.orderedStream().flatMap(source -> source.currentNotices().stream()).toList();
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
