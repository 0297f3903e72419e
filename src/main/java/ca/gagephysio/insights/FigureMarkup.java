package ca.gagephysio.insights;

import java.util.List;

import org.unbescape.html.HtmlEscape;

/**
 * The repeated markup of a figure, written here instead of by the template: a chart's lines, bars and labels and its
 * table's rows. The page draws twelve figures with about 300 SVG shapes and 260 table rows of 1,150 cells at 100,000
 * inquiries; as a template loop each of them was an iteration and four to six attribute or text expressions (one
 * SpEL evaluation each), which took about 30 % of a view's CPU (Java Flight Recorder, issue 24's fourth pass). The
 * rest of the figure (its heading, the SVG's title and description, the legend, the table's caption and headings,
 * the CSV link) stays in {@code templates/insights/staff/figure.html}.
 * <p>
 * The elements and attributes are those the template wrote, in its order, each on a line of its own; every text and
 * attribute value is escaped as the template's {@code th:text} and {@code th:attr} escape it (Thymeleaf 3.1 in HTML
 * mode calls unbescape's {@link HtmlEscape#escapeHtml4Xml}: {@code & < > " '} as references, nothing else), so a
 * name from a form or an address (a campaign, a referring site) cannot open a tag or leave an attribute. Numbers are
 * written as Java writes a {@code double} ({@code 56.0}), as the template did.
 */
final class FigureMarkup {

	private static final String SHAPE_INDENT = "\n    ";

	private static final String ROW_INDENT = "\n      ";

	private FigureMarkup() {
	}

	/**
	 * The chart's axis and grid lines, then its bars, then its labels, for inside its {@code <svg>} after the
	 * {@code <desc>}: one element a line, none for an empty chart.
	 */
	static String shapes(Chart chart) {
		StringBuilder svg = new StringBuilder(64 + 140 * (chart.lines().size() + chart.bars().size()
				+ chart.labels().size()));
		for (Chart.Line line : chart.lines()) {
			svg.append(SHAPE_INDENT).append("<line class=\"chart-line\" x1=\"").append(line.x1())
				.append("\" y1=\"").append(line.y1())
				.append("\" x2=\"").append(line.x2())
				.append("\" y2=\"").append(line.y2())
				.append("\"></line>");
		}
		for (Chart.Bar bar : chart.bars()) {
			svg.append(SHAPE_INDENT).append("<rect class=\"chart-bar chart-bar-").append(bar.series())
				.append("\" x=\"").append(bar.x())
				.append("\" y=\"").append(bar.y())
				.append("\" width=\"").append(bar.width())
				.append("\" height=\"").append(bar.height())
				.append("\"></rect>");
		}
		for (Chart.Label label : chart.labels()) {
			svg.append(SHAPE_INDENT).append("<text class=\"chart-label\" x=\"").append(label.x())
				.append("\" y=\"").append(label.y())
				.append("\" text-anchor=\"").append(escape(label.anchor()))
				.append("\">").append(escape(label.text()))
				.append("</text>");
		}
		return withoutFirstIndent(svg, SHAPE_INDENT);
	}

	/**
	 * The table's body rows, for inside its {@code <tbody>}: each row's first cell is the row's heading
	 * ({@code <th scope="row">}), the others numbers ({@code <td class="number">}); one row a line. Empty for no
	 * rows (the template then says there are none).
	 */
	static String tableRows(List<List<String>> rows) {
		StringBuilder table = new StringBuilder(64 * rows.size());
		for (List<String> row : rows) {
			table.append(ROW_INDENT).append("<tr>");
			for (int i = 0; i < row.size(); i++) {
				if (i == 0) {
					table.append("<th scope=\"row\">").append(escape(row.get(i))).append("</th>");
				}
				else {
					table.append("<td class=\"number\">").append(escape(row.get(i))).append("</td>");
				}
			}
			table.append("</tr>");
		}
		return withoutFirstIndent(table, ROW_INDENT);
	}

	/** The elements, each on a line of its own after the first, which the template has on its own line. */
	private static String withoutFirstIndent(StringBuilder elements, String indent) {
		return elements.isEmpty() ? "" : elements.substring(indent.length());
	}

	/** As Thymeleaf escapes a {@code th:text} or an attribute in HTML mode; {@code null} as nothing, as it does. */
	private static String escape(String text) {
		return text == null ? "" : HtmlEscape.escapeHtml4Xml(text);
	}

}
