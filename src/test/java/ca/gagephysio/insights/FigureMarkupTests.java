package ca.gagephysio.insights;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The markup {@link FigureMarkup} writes for a chart's shapes and a table's rows is what figure.html's loops wrote
 * before it (kept below as they were), element for element, attribute for attribute and escaped the same, for
 * charts and rows with names that need escaping; only the whitespace between elements differs, which an HTML or
 * SVG renderer and the accessibility tree ignore there. The page itself is checked through MockMvc in
 * {@link InsightsPageTests}.
 */
class FigureMarkupTests {

	/** figure.html's loops over a chart's shapes and a table's rows until FigureMarkup, as they were. */
	private static final String LOOPS_BEFORE = """
			<svg>
			    <line th:each="line : ${figure.chart.lines}" class="chart-line" th:x1="${line.x1}" th:y1="${line.y1}"
			          th:x2="${line.x2}" th:y2="${line.y2}"></line>
			    <rect th:each="bar : ${figure.chart.bars}" th:class="|chart-bar chart-bar-${bar.series}|" th:x="${bar.x}"
			          th:y="${bar.y}" th:width="${bar.width}" th:height="${bar.height}"></rect>
			    <text th:each="label : ${figure.chart.labels}" class="chart-label" th:x="${label.x}" th:y="${label.y}"
			          th:attr="text-anchor=${label.anchor}" th:text="${label.text}">0</text>
			</svg>
			<table><tbody>
			      <tr th:each="row : ${figure.rows}">
			        <th:block th:each="cell, at : ${row}">
			          <th th:if="${at.first}" scope="row" th:text="${cell}">name</th>
			          <td th:unless="${at.first}" class="number" th:text="${cell}">0</td>
			        </th:block>
			      </tr>
			</tbody></table>""";

	/** What a name can hold that markup gives a meaning: a tag, an entity, both quotes; and what it must keep. */
	private static final String AWKWARD = "<script>alert('x')</script> & \"quoted\" – café, 50% off…";

	private final SpringTemplateEngine engine = engine();

	@Test
	void aColumnChartsShapesAreWhatTheTemplateWrote() {
		Chart chart = Chart.columns("visits", "Visits", "Visits per week",
				List.of(Arrays.asList(3.0, 0.0, null, 12.0, 7.5), List.of(1.0, 2.0, 3.0, 4.0, 5.0)),
				List.of("September 14, 2026", "September 21, 2026", AWKWARD, "October 5, 2026", "October 12, 2026"),
				List.of("Page views", "Unique visitors"));
		assertSameAsBefore(new Figure(chart, List.of("Week", "Views", "Visitors"),
				List.of(List.of("September 14, 2026", "3", "1"), List.of(AWKWARD, "0.5", ""))));
	}

	@Test
	void aRowChartsShapesAndTableWithNamesThatNeedEscapingAreWhatTheTemplateWrote() {
		List<String> names = List.of(AWKWARD, "=HYPERLINK(\"http://evil.example\")", "www.google.com",
				"a name longer than the thirty characters a chart shows");
		Chart chart = Chart.rows("campaigns", "Campaigns", "Inquiries per campaign", names,
				Arrays.asList(40.0, 0.004, null, 1.0));
		assertSameAsBefore(new Figure(chart, List.of("Source", "Inquiries", "Booked", "Booked (%)"),
				names.stream().map(name -> List.of(name, "40", "3", "7.5")).toList()));
	}

	@Test
	void anEmptyChartAndTableHaveOnlyTheirAxes() {
		Chart chart = Chart.rows("sites", "Sites", "Nothing", List.of(), List.of());
		Figure figure = new Figure(chart, List.of("Source", "Inquiries"), List.of());
		assertSameAsBefore(figure);
		assertThat(figure.tableRows()).isEmpty();
		assertThat(chart.shapes()).contains("<line class=\"chart-line\"").doesNotContain("<rect", "<text");
	}

	@Test
	void aNameIsTextNeverMarkup() {
		Figure figure = new Figure(Chart.rows("sites", "Sites", "One", List.of(AWKWARD), List.of(2.0)),
				List.of("Source", "Inquiries"), List.of(List.of(AWKWARD, "2")));
		String escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; – café, 50% off…";
		assertThat(figure.tableRows())
			.isEqualTo("<tr><th scope=\"row\">" + escaped + "</th><td class=\"number\">2</td></tr>");
		assertThat(figure.chart().shapes()).contains(">" + escaped.substring(0, 20)).doesNotContain("<script");
	}

	private void assertSameAsBefore(Figure figure) {
		String before = engine.process(LOOPS_BEFORE, new Context(null, Map.of("figure", figure)));
		String after = "<svg>\n    " + figure.chart().shapes() + "\n</svg>\n<table><tbody>\n      " + figure.tableRows()
				+ "\n</tbody></table>";
		assertThat(withoutWhitespaceBetweenElements(after)).isEqualTo(withoutWhitespaceBetweenElements(before));
	}

	/** The markup with no whitespace between two tags and any other run of whitespace (inside a tag) one space. */
	private static String withoutWhitespaceBetweenElements(String markup) {
		return markup.replaceAll(">\\s+<", "><").replaceAll("\\s+", " ").trim();
	}

	private static SpringTemplateEngine engine() {
		StringTemplateResolver resolver = new StringTemplateResolver();
		resolver.setTemplateMode(TemplateMode.HTML);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

}
