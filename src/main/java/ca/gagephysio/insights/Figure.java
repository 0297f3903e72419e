package ca.gagephysio.insights;

import java.util.List;

/**
 * One figure of the insights page: a chart and the table of the same numbers, which is also what its CSV holds.
 *
 * @param chart the chart, drawn as inline SVG
 * @param headers the table's column headings, resolved
 * @param rows the table's rows, each cell already formatted (plain digits, a dot for decimals, so a spreadsheet
 * reads the CSV as numbers); an empty cell where there is no value
 */
record Figure(Chart chart, List<String> headers, List<List<String>> rows) {

	String id() {
		return chart.id();
	}

}
