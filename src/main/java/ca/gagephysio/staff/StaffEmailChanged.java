package ca.gagephysio.staff;

/**
 * A staff account's email (its user name) changed, by its owner or by an administrator. Published in the
 * transaction that changes it, so the notice to the old address (the notification module's outbox) is queued with
 * the change or not at all: if someone else changed it, the owner hears of it where they still read mail.
 *
 * @param displayName the person's name, for the greeting
 * @param oldEmail the address it had, where the notice goes
 * @param newEmail the address it has now
 * @param byAdministrator whether an administrator changed it (rather than the person themselves)
 */
public record StaffEmailChanged(String displayName, String oldEmail, String newEmail, boolean byAdministrator) {
}
