package ca.gagephysio.insights;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The value axis of the insights' charts reads as what it measures. */
class ChartTests {

	@Test
	void aCountAxisHasAWholeNumberInTheMiddle() {
		assertThat(Chart.axisMax(List.of(1.0))).isEqualTo(2);
		assertThat(Chart.axisMax(List.of(0.0, 3.0, 5.0))).isEqualTo(6);
		assertThat(Chart.axisMax(List.of(7.0))).isEqualTo(10);
		assertThat(Chart.axisMax(List.of())).isEqualTo(2);
	}

	@Test
	void aMeasuredAxisEndsAtARoundNumber() {
		assertThat(Chart.axisMax(List.of(0.3, 0.7))).isEqualTo(1);
		assertThat(Chart.axisMax(List.of(1.5))).isEqualTo(2);
		assertThat(Chart.axisMax(List.of(0.004))).isEqualTo(0.005);
	}

	@Test
	void smallValuesKeepTwoSignificantDigitsSoTheyAreNotLabelledZero() {
		assertThat(Chart.number(0.0025)).isEqualTo("0.0025");
		assertThat(Chart.number(0.004166)).isEqualTo("0.0042");
		assertThat(Chart.number(0.5)).isEqualTo("0.5");
		assertThat(Chart.number(1.25)).isEqualTo("1.3");
		assertThat(Chart.number(3.0)).isEqualTo("3");
	}

	@Test
	void theColumnChartsMiddleLabelOfOneInquiryIsOne() {
		Chart chart = Chart.columns("inquiries", "Inquiries", "One inquiry", List.of(List.of(0.0, 1.0)),
				List.of("2026-11-23", "2026-11-30"), List.of());
		assertThat(chart.labels()).extracting(Chart.Label::text).contains("0", "1", "2").doesNotContain("0.5");
	}

}
