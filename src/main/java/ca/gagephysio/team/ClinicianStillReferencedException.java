package ca.gagephysio.team;

/**
 * A clinician cannot be deleted while an article names them as its author or reviewer; unpublishing them is the way
 * to take their bio down.
 */
class ClinicianStillReferencedException extends RuntimeException {

	ClinicianStillReferencedException(String slug) {
		super("Clinician " + slug + " is still named by an article");
	}

}
