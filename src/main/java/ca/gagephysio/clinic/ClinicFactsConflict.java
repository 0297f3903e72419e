package ca.gagephysio.clinic;

/**
 * Someone else saved the clinic's facts after this editor opened them: saving now would silently overwrite theirs.
 */
public class ClinicFactsConflict extends RuntimeException {

	ClinicFactsConflict() {
		super("The clinic's facts were saved by someone else in the meantime");
	}

}
