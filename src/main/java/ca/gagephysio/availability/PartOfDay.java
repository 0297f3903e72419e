package ca.gagephysio.availability;

/**
 * The part of a day an opening falls in, as people say it; no clock times, which the front desk does not promise.
 * Its message key is {@code availability.part.<name>}.
 */
public enum PartOfDay {

	MORNING, AFTERNOON, EVENING

}
