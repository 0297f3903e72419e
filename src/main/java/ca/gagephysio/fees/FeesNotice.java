package ca.gagephysio.fees;

import java.util.List;

import org.springframework.stereotype.Component;

import ca.gagephysio.staff.StaffNotice;

/**
 * Tells administrators on every back-office page, until one of them saves the fees, that the public site has no
 * fees page yet (nothing is invented in its place).
 */
@Component
class FeesNotice implements StaffNotice.Source {

	private final Fees fees;

	FeesNotice(Fees fees) {
		this.fees = fees;
	}

	@Override
	public List<StaffNotice> currentNotices() {
		if (fees.isPublished()) {
			return List.of();
		}
		return List.of(StaffNotice.forAdministrators("fees.notice.unpublished", List.of(), FeesAdminController.PATH));
	}

}
