package ca.gagephysio.team;

/**
 * Implemented by features that point at clinicians by slug (articles name their author and reviewer), so a
 * clinician is never deleted from under them. Any number of beans may implement it; none means nothing refers to
 * clinicians.
 */
public interface ClinicianReferences {

	/**
	 * @param slug a clinician's slug
	 * @return whether anything this feature keeps names the clinician
	 */
	boolean refersTo(String slug);

}
