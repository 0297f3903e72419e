package ca.gagephysio.inquiry.internal;

/**
 * Whether the person asks about cost, availability or both.
 */
public enum AskingAbout {

	COST, AVAILABILITY, BOTH

}
