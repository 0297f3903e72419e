package ca.gagephysio.site;

import java.util.Locale;

/**
 * A setting whose value would break one of the site's promises (an inquiry kept, a door closed), found at start-up:
 * the application refuses to start rather than fail later on a visitor's request. {@link SettingRefusedFailureAnalyzer}
 * turns it into Spring Boot's "APPLICATION FAILED TO START" report, which names the setting (as a property and as an
 * environment variable), what it was, why it cannot be used and what to set instead.
 */
public class SettingRefused extends RuntimeException {

	private final String setting;

	private final String action;

	/**
	 * @param setting the property as written in {@code application.properties}, such as {@code clinic.base-url}
	 * @param reason what is wrong with its value and which promise it would break (the value may be quoted, never a
	 * secret)
	 * @param action what to set instead
	 */
	public SettingRefused(String setting, String reason, String action) {
		super(setting + ": " + reason);
		this.setting = setting;
		this.action = action;
	}

	/** The property at fault, such as {@code spring.datasource.url}. */
	public String setting() {
		return setting;
	}

	/** What to set instead. */
	public String action() {
		return action;
	}

	/**
	 * The environment variable that sets the property, by Spring Boot's relaxed binding: dots and brackets to
	 * {@code _}, dashes dropped, upper case ({@code clinic.base-url} is {@code CLINIC_BASEURL}).
	 */
	public String environmentVariable() {
		return setting.replace("-", "").replaceAll("[.\\[\\]]+", "_").replaceAll("_$", "").toUpperCase(Locale.ROOT);
	}

}
