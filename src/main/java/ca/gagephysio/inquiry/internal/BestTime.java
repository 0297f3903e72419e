package ca.gagephysio.inquiry.internal;

/**
 * The best time of day to reach the person, if they said.
 */
public enum BestTime {

	MORNING, AFTERNOON, EVENING, ANY

}
