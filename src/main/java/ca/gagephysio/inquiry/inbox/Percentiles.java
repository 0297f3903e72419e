package ca.gagephysio.inquiry.inbox;

import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.descriptive.Quantile.EstimationMethod;

/**
 * The medians and 90th percentiles of the owner's insights, worked out from the times {@link JdbcInquiryFigures}
 * reads, by the definition of SQL's {@code percentile_cont} (ISO/IEC 9075-2, the inverse distribution functions):
 * linear interpolation between the values at ranks {@code floor(p × (n − 1))} and the one after, which is Hyndman and
 * Fan's estimation method 7 ("Sample Quantiles in Statistical Packages", 1996) that Apache Commons Statistics
 * implements.
 * <p>
 * Why not {@code percentile_cont} in the statements, as before issue 24's fifth pass: H2 sorts a group's values again
 * for each {@code percentile_cont} in a statement and for each statement, which cost the insights view about 15 ms
 * of CPU at 100,000 inquiries (the weeks' median and 90th percentile and the period's median), while reading the
 * same answered rows' weeks and times from the index takes about 2.5 ms; the sort here is one per week. Every count
 * is still an aggregate the database computes.
 */
final class Percentiles {

	/** Sorts the array it is given in place (no copy): callers pass arrays made for this. */
	private static final Quantile PERCENTILE_CONT = Quantile.withDefaults()
		.with(EstimationMethod.HF7)
		.withCopy(false);

	private static final double[] MEDIAN = { 0.5 };

	private static final double[] MEDIAN_AND_90TH = { 0.5, 0.9 };

	private Percentiles() {
	}

	/**
	 * The median, as {@code percentile_cont(0.5)}: the middle value, or the mean of the middle two.
	 *
	 * @param values the values, in any order; reordered by this call
	 * @return the median, or {@code null} for no values (as SQL gives for an empty group)
	 */
	static Double median(double[] values) {
		return values.length == 0 ? null : PERCENTILE_CONT.evaluate(values, MEDIAN)[0];
	}

	/**
	 * The median and the 90th percentile, as {@code percentile_cont(0.5)} and {@code percentile_cont(0.9)}.
	 *
	 * @param values the values, at least one, in any order; reordered by this call
	 * @return the two percentiles, the median first
	 * @throws IllegalArgumentException if there are no values
	 */
	static double[] medianAnd90th(double[] values) {
		if (values.length == 0) {
			throw new IllegalArgumentException("No values to take percentiles of");
		}
		return PERCENTILE_CONT.evaluate(values, MEDIAN_AND_90TH);
	}

}
