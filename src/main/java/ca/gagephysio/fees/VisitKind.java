package ca.gagephysio.fees;

/**
 * Whether a service is a person's first visit (an assessment) or a visit after it; the page lists first visits
 * first.
 */
public enum VisitKind {

	FIRST_VISIT, FOLLOW_UP

}
