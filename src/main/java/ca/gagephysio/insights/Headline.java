package ca.gagephysio.insights;

/**
 * One of the numbers the insights page opens with: its value over the period chosen, and against the period of the
 * same length just before it.
 *
 * @param id what it measures, for the page's element ids ({@code visits}, {@code inquiries}, ...)
 * @param name what it measures, in words
 * @param value its value over the period, as people read it ({@code 1,234}, {@code 3.5}, {@code 40.0%},
 * {@code 2.5 h}); {@code –} when there is nothing to divide by
 * @param change how it compares with the period before, in words ({@code up 12% from 1,100}, {@code the same as
 * before}, {@code no figure for the period before})
 */
record Headline(String id, String name, String value, String change) {
}
