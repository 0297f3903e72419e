/**
 * Staff accounts: who each person is and what they may do; invitations and password links, passwords, the staff
 * list and each person's own account page.
 */
package ca.gagephysio.staff.account;
