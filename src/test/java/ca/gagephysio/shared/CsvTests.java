package ca.gagephysio.shared;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTests {

	@Test
	void quotesFieldsWithCommasQuotesAndLineBreaksAndEndsRowsWithCrLf() {
		assertThat(Csv.row(Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", null)))
			.isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
	}

	@Test
	void neutralisesCellsThatASpreadsheetWouldRunAsFormulas() {
		assertThat(Csv.cell("=1+1")).isEqualTo("'=1+1");
		assertThat(Csv.cell("+1 905")).isEqualTo("'+1 905");
		assertThat(Csv.cell("-2")).isEqualTo("'-2");
		assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(Csv.cell("\tx")).isEqualTo("'\tx");
		assertThat(Csv.cell("\rx")).isEqualTo("\"'\rx\"");
		assertThat(Csv.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	}

	@Test
	void leavesOrdinaryTextAlone() {
		assertThat(Csv.cell("Marie-Ève O'Neil")).isEqualTo("Marie-Ève O'Neil");
	}

}
