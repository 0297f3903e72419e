package ca.gagephysio.team;

/**
 * Someone else saved the clinician after the editor opened it: saving would silently undo their change.
 */
class StaleClinicianException extends RuntimeException {

	StaleClinicianException(long id) {
		super("Clinician " + id + " was changed by someone else");
	}

}
