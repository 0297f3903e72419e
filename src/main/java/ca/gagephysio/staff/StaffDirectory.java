package ca.gagephysio.staff;

import java.util.List;
import java.util.Optional;

/**
 * Who works the front desk: the signed-in staff member and the accounts that inquiries can be assigned to.
 */
public interface StaffDirectory {

	/** The staff member making the current request; fails if nobody is signed in. */
	StaffMember current();

	/** Every enabled account, by display name. */
	List<StaffMember> enabledStaff();

	/** Any account, enabled or not, so old assignments still show a name. */
	Optional<StaffMember> find(long id);

}
