package ca.gagephysio.staff;

/**
 * A staff account as other modules see it.
 *
 * @param id the account's id (what an inquiry stores as its assignee)
 * @param displayName the name shown on timelines and lists
 * @param email the account's email (its user name)
 */
public record StaffMember(long id, String displayName, String email) {
}
