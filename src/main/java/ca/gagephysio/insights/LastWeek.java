package ca.gagephysio.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import ca.gagephysio.inquiry.InquiryFigures;

/**
 * The owner's figures for one week, for the weekly digest email: the insights module's published interface, so the
 * digest reads the same aggregates as the insights page ({@link InquiryFigures}, {@code VisitFigures}) and never
 * queries the tables itself. Counts only; nothing names a person.
 */
public interface LastWeek {

	/**
	 * The figures of the week starting {@code monday} (a Monday, in the clinic's time zone, ISO 8601 weeks), and
	 * what is overdue at {@code now}.
	 *
	 * @throws IllegalArgumentException if {@code monday} is not a Monday
	 */
	Figures of(LocalDate monday, Instant now);

	/**
	 * One week in numbers.
	 *
	 * @param weekStarting its Monday
	 * @param views page views
	 * @param visitors unique visitors (counted per day and page, as the insights page does)
	 * @param inquiries inquiries that arrived, spam left out
	 * @param booked of those, how many reached booked so far
	 * @param bookedPercent {@code booked} per hundred {@code inquiries}, or {@code null} with no inquiry
	 * @param medianResponseHours the median first response, hours of opening time, or {@code null} if none was
	 * answered
	 * @param overdue what is overdue now, oldest first
	 * @param articles the articles that brought inquiries that week, most first
	 */
	record Figures(LocalDate weekStarting, long views, long visitors, long inquiries, long booked,
			Double bookedPercent, Double medianResponseHours, List<InquiryFigures.Overdue> overdue,
			List<ArticleInquiries> articles) {
	}

	/**
	 * An article and the inquiries whose form was opened from it.
	 *
	 * @param title its title (its path if it is no longer published)
	 * @param path its address on the site
	 * @param inquiries how many, spam left out
	 */
	record ArticleInquiries(String title, String path, long inquiries) {
	}

}
