package ca.gagephysio.staff.account;

/**
 * What an account may do: {@code STAFF} works the inbox; {@code ADMIN} also manages accounts and reads the access
 * trail (the clinic's privacy officer).
 */
public enum StaffRole {

	STAFF, ADMIN

}
