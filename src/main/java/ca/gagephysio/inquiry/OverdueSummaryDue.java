package ca.gagephysio.inquiry;

import java.time.LocalDate;
import java.util.List;

/**
 * The administrators' daily summary of overdue inquiries is due: published at most once per clinic day, in opening
 * hours, and only when something is overdue, in the transaction that records it as sent for that day.
 *
 * @param day the clinic day (in its time zone) it summarises
 * @param overdue what is overdue, oldest first
 * @param recipients the administrators' addresses
 */
public record OverdueSummaryDue(LocalDate day, List<InquiryFigures.Overdue> overdue, List<String> recipients) {

	public OverdueSummaryDue {
		overdue = List.copyOf(overdue);
		recipients = List.copyOf(recipients);
	}

}
