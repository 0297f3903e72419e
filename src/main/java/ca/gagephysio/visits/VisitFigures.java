package ca.gagephysio.visits;

import java.time.LocalDate;
import java.util.List;

/**
 * The stored page-view aggregates, summed over a period, for the owner's insights. Days are calendar days in the
 * clinic's time zone, both ends included; a week starts on Monday (ISO 8601). "Visitors" sums each day's unique
 * visitors: the salt that tells visitors apart changes every day, so nobody (the clinic included) can tell that the
 * visitor of one day came back on another, and a person who reads on two days counts twice.
 */
public interface VisitFigures {

	/** Views and visitors of the whole site per week that has a day in {@code [from, to]}, oldest first. */
	List<WeeklyVisits> perWeek(LocalDate from, LocalDate to);

	/** Views and visitors of each page over {@code [from, to]}, most views first. */
	List<PageVisits> perPage(LocalDate from, LocalDate to);

	/**
	 * The most sources {@link #perSource} lists: anyone can make up UTM tags in a link, so the list is bounded; the
	 * sources with the most views are the ones kept.
	 */
	int MAX_SOURCES = 200;

	/**
	 * Views and visitors per referring host and UTM tags over {@code [from, to]}, most views first, at most
	 * {@value #MAX_SOURCES}.
	 */
	List<SourceVisits> perSource(LocalDate from, LocalDate to);

	/** A week's views and visitors; {@code weekStarting} is its Monday. */
	record WeeklyVisits(LocalDate weekStarting, long views, long visitors) {
	}

	/** A page's views and visitors; {@code path} is its address without the query string, e.g. {@code /articles/x}. */
	record PageVisits(String path, long views, long visitors) {
	}

	/**
	 * Views and visitors from one source; an absent part is the empty string. {@code visitors} adds up each page's
	 * unique visitors from that source (the counts are stored per page and source), so a reader who opened two pages
	 * from the same source, or two pages with no source at all, counts twice.
	 */
	record SourceVisits(String referrerHost, String utmSource, String utmMedium, String utmCampaign, long views,
			long visitors) {
	}

}
