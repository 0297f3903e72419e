package ca.gagephysio.insights;

import java.util.List;

/**
 * One figure of the insights page: a chart and the table of the same numbers, which is also what its CSV holds.
 *
 * @param chart the chart, drawn as inline SVG
 * @param headers the table's column headings, resolved
 * @param rows the table's rows, each cell already formatted (plain digits, a dot for decimals, so a spreadsheet
 * reads the CSV as numbers; days as people read them, "February 11, 2019"); an empty cell where there is no value
 * @param csvRows the same rows for the CSV, where a day is ISO 8601 ({@code 2019-02-11}) so a spreadsheet reads and
 * sorts it as a date
 */
record Figure(Chart chart, List<String> headers, List<List<String>> rows, List<List<String>> csvRows) {

	/** A figure without days in its table: its CSV has the table's rows. */
	Figure(Chart chart, List<String> headers, List<List<String>> rows) {
		this(chart, headers, rows, rows);
	}

	/**
	 * The table's body rows as HTML ({@link FigureMarkup#tableRows}), escaped, for the template's {@code th:utext};
	 * public because SpEL calls only public methods.
	 */
	public String tableRows() {
		return FigureMarkup.tableRows(rows);
	}

	String id() {
		return chart.id();
	}

}
