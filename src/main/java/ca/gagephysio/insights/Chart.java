package ca.gagephysio.insights;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One chart, laid out on the server for an inline SVG: the template only copies these coordinates, so the page
 * needs no chart library and no script, and the Content Security Policy stays as strict as it is. Coordinates are
 * in the SVG's own units ({@link #width} by {@link #height}); the SVG scales to the width of the page, down to a
 * 320 px screen. Bars carry a series number (0 or 1) that the style sheet colours, with outlines instead of fills
 * for the second series in forced-colours mode, so two series stay apart without colour.
 *
 * @param id the chart's name, unique on the page and used in its CSV address ({@code /staff/insights/<id>.csv})
 * @param title a short title (the SVG's {@code <title>})
 * @param description what it shows, in a sentence a screen reader reads (the SVG's {@code <desc>})
 * @param width SVG units across
 * @param height SVG units down
 * @param bars the bars
 * @param labels the axis and value labels
 * @param lines the axis and grid lines
 * @param series the names of two series, for the legend; empty when there is one
 */
record Chart(String id, String title, String description, int width, int height, List<Bar> bars, List<Label> labels,
		List<Line> lines, List<String> series) {

	static final int WIDTH = 640;

	/**
	 * The chart's lines, bars and labels as SVG elements ({@link FigureMarkup#shapes}), escaped, for the template's
	 * {@code th:utext}; public because SpEL calls only public methods.
	 */
	public String shapes() {
		return FigureMarkup.shapes(this);
	}

	/**
	 * A bar.
	 *
	 * @param series 0 for the first series, 1 for the second
	 */
	record Bar(double x, double y, double width, double height, int series) {
	}

	/**
	 * A piece of text.
	 *
	 * @param anchor {@code start}, {@code middle} or {@code end}
	 */
	record Label(double x, double y, String text, String anchor) {
	}

	record Line(double x1, double y1, double x2, double y2) {
	}

	/**
	 * Vertical bars over time (one group per week), with up to two series side by side and a value axis from zero
	 * to a round maximum. Shows the first, middle and last week under the axis.
	 *
	 * @param values one list per series, each one value per column, {@code null} where there is none
	 * @param columnLabels one label per column
	 * @param series the series' names when there are two, for the legend; else empty
	 */
	static Chart columns(String id, String title, String description, List<List<Double>> values,
			List<String> columnLabels, List<String> series) {
		int height = 240;
		double left = 56;
		double right = 8;
		double top = 12;
		double bottom = 40;
		double plotWidth = WIDTH - left - right;
		double plotHeight = height - top - bottom;
		int columns = columnLabels.size();
		double max = axisMax(values.stream().flatMap(List::stream).filter(v -> v != null).toList());
		List<Bar> bars = new ArrayList<>();
		List<Label> labels = new ArrayList<>();
		List<Line> lines = new ArrayList<>();
		double slot = columns == 0 ? plotWidth : plotWidth / columns;
		double barWidth = slot * 0.8 / Math.max(1, values.size());
		for (int number = 0; number < values.size(); number++) {
			List<Double> row = values.get(number);
			for (int column = 0; column < row.size(); column++) {
				Double value = row.get(column);
				if (value == null || value <= 0) {
					continue;
				}
				double barHeight = plotHeight * value / max;
				bars.add(new Bar(round(left + column * slot + slot * 0.1 + number * barWidth),
						round(top + plotHeight - barHeight), round(barWidth), round(barHeight), number));
			}
		}
		for (int step = 0; step <= 2; step++) {
			double y = round(top + plotHeight - plotHeight * step / 2);
			lines.add(new Line(left, y, WIDTH - right, y));
			labels.add(new Label(left - 6, y + 4, number(max * step / 2), "end"));
		}
		if (columns > 0) {
			labels.add(new Label(left, height - bottom + 18, columnLabels.get(0), "start"));
			if (columns > 2) {
				labels.add(new Label(round(left + slot * (columns / 2) + slot / 2), height - bottom + 18,
						columnLabels.get(columns / 2), "middle"));
			}
			if (columns > 1) {
				labels.add(new Label(WIDTH - right, height - bottom + 18, columnLabels.get(columns - 1), "end"));
			}
		}
		return new Chart(id, title, description, WIDTH, height, bars, labels, lines, series);
	}

	/**
	 * Horizontal bars, one row per category, the name on the left and the value at the bar's end. Long names are
	 * shortened in the chart only; the table beside it has them in full.
	 */
	static Chart rows(String id, String title, String description, List<String> names, List<Double> values) {
		double rowHeight = 26;
		double top = 6;
		double left = 220;
		double valueRoom = 70;
		int height = (int) (top * 2 + rowHeight * Math.max(1, names.size()));
		double plotWidth = WIDTH - left - valueRoom;
		double max = roundUp(values.stream().filter(v -> v != null).mapToDouble(v -> v).max().orElse(0));
		List<Bar> bars = new ArrayList<>();
		List<Label> labels = new ArrayList<>();
		List<Line> lines = new ArrayList<>();
		lines.add(new Line(left, top, left, height - top));
		for (int row = 0; row < names.size(); row++) {
			double y = top + row * rowHeight;
			Double value = values.get(row);
			double barWidth = value == null ? 0 : plotWidth * value / max;
			labels.add(new Label(left - 8, round(y + rowHeight / 2 + 5), shorten(names.get(row)), "end"));
			if (barWidth > 0) {
				bars.add(new Bar(left, round(y + 4), round(barWidth), rowHeight - 8, 0));
			}
			labels.add(new Label(round(left + barWidth + 6), round(y + rowHeight / 2 + 5),
					value == null ? "–" : number(value), "start"));
		}
		return new Chart(id, title, description, WIDTH, height, bars, labels, lines, List.of());
	}

	/**
	 * The top of a value axis labelled at zero, half and full: {@link #roundUp}, and for counts (every value whole)
	 * an even number, so the middle label is a whole number too (no "0.5 inquiries").
	 */
	static double axisMax(List<Double> values) {
		double max = roundUp(values.stream().mapToDouble(v -> v).max().orElse(0));
		boolean counts = values.stream().allMatch(v -> v == Math.rint(v));
		return (counts && max % 2 != 0) ? max + 1 : max;
	}

	/** The value axis ends at the next 1, 2 or 5 times a power of ten, so its labels are round numbers. */
	static double roundUp(double max) {
		if (max <= 0) {
			return 1;
		}
		double power = Math.pow(10, Math.floor(Math.log10(max)));
		for (double step : new double[] { 1, 2, 5, 10 }) {
			if (max <= step * power) {
				return step * power;
			}
		}
		return 10 * power;
	}

	/**
	 * Whole numbers without decimals; others with one decimal, or, below 1, two significant digits, so a small
	 * value (a response of 0.004 hours) is not labelled "0.0" beside a full-height bar.
	 */
	static String number(double value) {
		if (value == Math.rint(value)) {
			return Long.toString((long) value);
		}
		if (Math.abs(value) < 1) {
			return BigDecimal.valueOf(value).round(new MathContext(2, RoundingMode.HALF_UP)).stripTrailingZeros()
				.toPlainString();
		}
		return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
	}

	private static String shorten(String name) {
		return name.length() <= 30 ? name : name.substring(0, 29) + "…";
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
