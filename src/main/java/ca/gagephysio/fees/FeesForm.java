package ca.gagephysio.fees;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.springframework.validation.Errors;

/**
 * What the fees editor posts: never the stored revision itself. Numbers stay text as typed, so a mistyped price
 * comes back exactly as it was, with a message; {@link #checkAmounts(Errors)} reads them.
 *
 * @param revision the revision the editor showed ({@code 0} for none), to refuse overwriting a save made meanwhile
 * @param restoredFrom the older revision the editor was started from, or empty
 * @param services one row per service
 * @param paymentMethods one per line
 * @param insurers the insurers billed directly, one per line
 * @param receipts what receipts a person gets
 * @param cancellationPolicy the cancellation policy
 * @param note anything else
 */
record FeesForm(String revision, String restoredFrom,
		@NotEmpty(message = "{fees.services.required}") @Size(max = FeesForm.SERVICES_MAX,
				message = "{fees.services.size}") List<@Valid ServiceRow> services,
		String paymentMethods, String insurers,
		@Size(max = 500, message = "{fees.receipts.size}") String receipts,
		@Size(max = 1000, message = "{fees.cancellation.size}") String cancellationPolicy,
		@Size(max = 2000, message = "{fees.note.size}") String note) {

	static final int SERVICES_MAX = 30;

	static final int LINES_MAX = 20;

	static final int LINE_MAX = 100;

	/** The most a service may cost, in dollars: more is a typing mistake (an extra zero), not a fee. */
	static final BigDecimal PRICE_MAX = new BigDecimal("10000");

	/** The longest a service may take, in minutes: a working day. */
	static final int MINUTES_MAX = 480;

	/**
	 * Dollars and optional cents as people in Canada type them: {@code 85}, {@code 85.00}, {@code $85},
	 * {@code 1,250.50}. No other currency and no more than two decimals.
	 */
	private static final Pattern PRICE = Pattern.compile("\\$?\\s*(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?");

	private static final Pattern MINUTES = Pattern.compile("\\d{1,4}");

	FeesForm {
		services = services == null ? new ArrayList<>() : new ArrayList<>(services);
		paymentMethods = orEmpty(paymentMethods);
		insurers = orEmpty(insurers);
		receipts = orEmpty(receipts);
		cancellationPolicy = orEmpty(cancellationPolicy);
		note = orEmpty(note);
		revision = revision == null || revision.isBlank() ? "0" : revision;
		restoredFrom = orEmpty(restoredFrom);
	}

	/** The editor before anything was saved: one empty service to fill in. */
	static FeesForm empty() {
		return new FeesForm("0", "", List.of(ServiceRow.empty(VisitKind.FIRST_VISIT)), "", "", "", "", "");
	}

	/** The editor showing a saved revision; {@code current} is the revision in force, which a save would follow. */
	static FeesForm of(FeeSchedule schedule, int current, Integer restoredFrom) {
		return new FeesForm(String.valueOf(current), restoredFrom == null ? "" : restoredFrom.toString(),
				schedule.services().stream().map(ServiceRow::of).toList(), String.join("\n", schedule.paymentMethods()),
				String.join("\n", schedule.insurers()), schedule.receipts(), schedule.cancellationPolicy(),
				schedule.note());
	}

	/** The same, with one more empty service at the end (the "Add a service" button). */
	FeesForm withServiceAdded() {
		List<ServiceRow> more = new ArrayList<>(services);
		more.add(ServiceRow.empty(VisitKind.FOLLOW_UP));
		return withServices(more);
	}

	/** The same without the service at {@code index}; an index not on the form changes nothing. */
	FeesForm withServiceRemoved(int index) {
		List<ServiceRow> fewer = new ArrayList<>(services);
		if (index >= 0 && index < fewer.size()) {
			fewer.remove(index);
		}
		return withServices(fewer);
	}

	/** The same, based on the revision now in force (after a conflict, so pressing Save again is a knowing choice). */
	FeesForm basedOn(int current) {
		return new FeesForm(String.valueOf(current), restoredFrom, services, paymentMethods, insurers, receipts,
				cancellationPolicy, note);
	}

	private FeesForm withServices(List<ServiceRow> rows) {
		return new FeesForm(revision, restoredFrom, rows, paymentMethods, insurers, receipts, cancellationPolicy, note);
	}

	/**
	 * The checks Bean Validation cannot express on text: each price an amount in dollars (at most two decimals, at
	 * most {@link #PRICE_MAX}), each duration whole minutes from 1 to {@link #MINUTES_MAX}, each list at most
	 * {@link #LINES_MAX} lines of at most {@link #LINE_MAX} characters. Fields already wrong get no second message.
	 */
	void checkAmounts(Errors errors) {
		for (int i = 0; i < services.size(); i++) {
			ServiceRow row = services.get(i);
			String price = "services[" + i + "].price";
			if (!errors.hasFieldErrors(price) && row.price() != null && !row.price().isBlank()) {
				BigDecimal amount = dollars(row.price());
				if (amount == null) {
					errors.rejectValue(price, "fees.service.price.invalid");
				}
				else if (amount.compareTo(PRICE_MAX) > 0) {
					errors.rejectValue(price, "fees.service.price.max");
				}
			}
			String minutes = "services[" + i + "].minutes";
			if (!errors.hasFieldErrors(minutes) && row.minutes() != null && !row.minutes().isBlank()) {
				Integer value = minutes(row.minutes());
				if (value == null || value < 1 || value > MINUTES_MAX) {
					errors.rejectValue(minutes, "fees.service.minutes.invalid");
				}
			}
		}
		checkLines(errors, "paymentMethods", paymentMethods);
		checkLines(errors, "insurers", insurers);
	}

	private static void checkLines(Errors errors, String field, String text) {
		List<String> lines = lines(text);
		if (lines.size() > LINES_MAX) {
			errors.rejectValue(field, "fees.lines.count");
		}
		else if (lines.stream().anyMatch(line -> line.length() > LINE_MAX)) {
			errors.rejectValue(field, "fees.lines.length");
		}
	}

	/** What was typed, as the revision to save; only for a form without errors. */
	FeeSchedule schedule() {
		List<FeeSchedule.Service> rows = services.stream()
			.map(row -> new FeeSchedule.Service(row.name().strip(), row.description().strip(), minutes(row.minutes()),
					dollars(row.price()).movePointRight(2).longValueExact(), row.hst(), row.visitKind()))
			.toList();
		return new FeeSchedule(0, rows, lines(paymentMethods), lines(insurers), receipts.strip(),
				cancellationPolicy.strip(), note.strip(), null, null, null);
	}

	int seenNumber() {
		return parseOr(revision, 0);
	}

	Integer restoredFromNumber() {
		int number = parseOr(restoredFrom, 0);
		return number > 0 ? number : null;
	}

	private static int parseOr(String text, int otherwise) {
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			return otherwise;
		}
	}

	/** The amount typed, with two decimals, or {@code null} if it is not one. */
	static BigDecimal dollars(String typed) {
		Matcher matcher = PRICE.matcher(typed.strip());
		if (!matcher.matches()) {
			return null;
		}
		String cents = matcher.group(2) == null ? "00" : (matcher.group(2) + "0").substring(0, 2);
		return new BigDecimal(matcher.group(1).replace(",", "") + "." + cents);
	}

	private static Integer minutes(String typed) {
		String text = typed.strip();
		return MINUTES.matcher(text).matches() ? Integer.valueOf(text) : null;
	}

	/** The non-blank lines of a text area, each without surrounding spaces. */
	static List<String> lines(String text) {
		return Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
	}

	private static String orEmpty(String text) {
		return text == null ? "" : text;
	}

	/**
	 * One service as typed.
	 *
	 * @param name its name
	 * @param description what it is
	 * @param minutes how long, in whole minutes, as typed
	 * @param price in dollars, as typed
	 * @param hst whether HST is added; absent means no, as an unticked checkbox sends nothing (HTML's form
	 *        submission rules): the editor's hidden {@code _services[n].hst} marker says the same, but a form posted
	 *        without it (by hand, or by a tool) must not come back as the editor with no message and nothing saved,
	 *        which a {@code boolean} that cannot be bound from nothing did
	 * @param kind {@code FIRST_VISIT} or {@code FOLLOW_UP}
	 */
	record ServiceRow(@NotBlank(message = "{fees.service.name.required}") @Size(max = 100,
			message = "{fees.service.name.size}") String name,
			@Size(max = 500, message = "{fees.service.description.size}") String description,
			@NotBlank(message = "{fees.service.minutes.required}") String minutes,
			@NotBlank(message = "{fees.service.price.required}") String price, Boolean hst,
			@jakarta.validation.constraints.Pattern(regexp = "FIRST_VISIT|FOLLOW_UP",
					message = "{fees.service.kind.invalid}") String kind) {

		ServiceRow {
			name = name == null ? "" : name;
			description = description == null ? "" : description;
			kind = kind == null ? VisitKind.FIRST_VISIT.name() : kind;
			hst = Boolean.TRUE.equals(hst);
		}

		static ServiceRow empty(VisitKind kind) {
			return new ServiceRow("", "", "", "", false, kind.name());
		}

		static ServiceRow of(FeeSchedule.Service service) {
			return new ServiceRow(service.name(), service.description(), String.valueOf(service.minutes()),
					service.price().toPlainString(), service.hstApplies(), service.kind().name());
		}

		VisitKind visitKind() {
			return VisitKind.valueOf(kind);
		}

	}

}
