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

	/**
	 * Who wants an email about each new inquiry: every enabled account whose owner has left "email me about new
	 * inquiries" on (the default for a new account), by display name. Disabled accounts never appear. Read at the
	 * moment of asking; nothing is cached, so a change on an account page counts from the next inquiry on.
	 */
	List<StaffMember> newInquiryAlertRecipients();

	/**
	 * Every enabled administrator, by display name: who gets the daily summary of overdue inquiries. Read at the
	 * moment of asking.
	 */
	List<StaffMember> administrators();

	/**
	 * Every enabled administrator who has left "email me the weekly digest" on (the default) on their account page,
	 * by display name. Read at the moment of asking.
	 */
	List<StaffMember> weeklyDigestRecipients();

	/** Any account, enabled or not, so old assignments still show a name. */
	Optional<StaffMember> find(long id);

}
