package ca.gagephysio.shared;

import java.util.List;

/**
 * CSV as RFC 4180 writes it (CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled),
 * with one addition for spreadsheets: a cell that begins with {@code = + - @}, a tab or a carriage return gets a
 * leading apostrophe, so Excel or LibreOffice shows what the person typed instead of running it as a formula
 * (what OWASP calls CSV injection).
 * <p>
 * Kept in {@code shared} because more than one feature downloads CSV (the inbox export, the owner's insights).
 */
public final class Csv {

	private static final String FORMULA_STARTS = "=+-@\t\r";

	private Csv() {
	}

	/** One record: the cells made safe, joined by commas, ended by CRLF; {@code null} is an empty cell. */
	public static String row(List<String> cells) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				line.append(',');
			}
			line.append(cell(cells.get(i)));
		}
		return line.append("\r\n").toString();
	}

	/** One cell made safe for a spreadsheet and quoted when it must be; {@code null} is empty. */
	public static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String safe = FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
				|| safe.indexOf('\r') >= 0 || !safe.equals(safe.strip());
		return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
	}

}
