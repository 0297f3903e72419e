package ca.gagephysio.inquiry.internal;

/**
 * Where an inquiry stands. Every inquiry starts {@link #NEW} (or {@link #SPAM} when spam control caught it); the
 * first change out of {@code NEW} is the clinic's first response.
 */
public enum InquiryStatus {

	NEW, CONTACTED, BOOKED, CLOSED, SPAM

}
