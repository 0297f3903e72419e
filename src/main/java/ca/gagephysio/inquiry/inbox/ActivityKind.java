package ca.gagephysio.inquiry.inbox;

/**
 * What a staff member did to an inquiry.
 */
enum ActivityKind {

	STATUS_CHANGED, ASSIGNED, NOTE, CALL

}
