package ca.gagephysio.browser;

import java.util.LinkedHashSet;
import java.util.List;

import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person who uses only the keyboard: moves with Tab until the focus is on the control they want, recognised by
 * its visible label (or a link or button by its text), then types, ticks with Space and submits with Enter. If a
 * control cannot be reached this way, the journey fails, which is the point.
 */
public final class KeyboardUser {

	/** More than any page here has, so an unreachable control fails instead of looping for ever. */
	private static final int MAX_TAB_PRESSES = 150;

	/** Tab presses sent in one action sequence; those after the control is reached are swallowed by the page. */
	private static final int TABS_PER_ROUND_TRIP = 10;

	private final Chromium chromium;

	public KeyboardUser(Chromium chromium) {
		this.chromium = chromium;
	}

	/**
	 * Presses Tab until the focused control's label, or the focused link's or button's text, starts with this (so
	 * "Cost" is the radio button labelled so, not a link that mentions cost further down).
	 */
	public KeyboardUser tabTo(String label) {
		return moveFocusTo(label, false);
	}

	/** Presses Shift+Tab, going back up the page, until the focused control's label starts with this. */
	public KeyboardUser tabBackTo(String label) {
		return moveFocusTo(label, true);
	}

	/**
	 * Presses Tab (or Shift+Tab) until the focused control's label starts with {@code label}, at most
	 * {@value #MAX_TAB_PRESSES} times. The presses go {@value #TABS_PER_ROUND_TRIP} at a time in one action sequence
	 * and a listener in the page ({@link #TAB_TO}) looks at the focus as each key comes up, where a script after each
	 * press looked before (two round trips to the browser per press, in about a hundred walks of the journeys). Once
	 * the label is reached the listener swallows the rest of that round trip's presses before the page or the browser
	 * sees them, so the focus stays where the person stopped, as if they had stopped pressing there.
	 */
	private KeyboardUser moveFocusTo(String label, boolean backwards) {
		chromium.script(TAB_TO, label);
		for (int pressed = 0; pressed < MAX_TAB_PRESSES; pressed += TABS_PER_ROUND_TRIP) {
			Actions presses = new Actions(chromium.driver());
			if (backwards) {
				presses.keyDown(Keys.SHIFT);
			}
			for (int i = 0; i < Math.min(TABS_PER_ROUND_TRIP, MAX_TAB_PRESSES - pressed); i++) {
				presses.sendKeys(Keys.TAB);
			}
			if (backwards) {
				presses.keyUp(Keys.SHIFT);
			}
			presses.perform();
			if (Boolean.TRUE.equals(chromium.script("""
					const sought = window.clinicTabTo;
					if (sought.reached) window.clinicTabTo = null;
					return sought.reached;
					"""))) {
				return this;
			}
		}
		@SuppressWarnings("unchecked")
		List<String> reached = (List<String>) chromium.script("return window.clinicTabTo.seen;");
		chromium.script("window.clinicTabTo = null;");
		throw new AssertionError("No control labelled \"" + label + "\" could be reached with the "
				+ (backwards ? "Shift+Tab keys" : "Tab key") + "; it reached " + new LinkedHashSet<>(reached));
	}

	/**
	 * Puts into the page (listeners once per document) what {@link #moveFocusTo} reads: {@code window.clinicTabTo}
	 * with the label sought ({@code arguments[0]}), whether it was {@code reached}, and the labels {@code seen} on
	 * the way. The focused control's label: its {@code label} elements' text, its {@code aria-label}, a link's or
	 * button's text, a submit button's value. Capturing listeners on the document: they run before any of the page's
	 * own, and once the label is reached a Tab going down is cancelled there (no focus move, no handler of the page).
	 */
	private static final String TAB_TO = """
			if (!window.clinicTabToListening) {
			  window.clinicTabToListening = true;
			  document.addEventListener('keydown', event => {
			    if (event.key === 'Tab' && window.clinicTabTo && window.clinicTabTo.reached) {
			      event.preventDefault();
			      event.stopImmediatePropagation();
			    }
			  }, true);
			  document.addEventListener('keyup', event => {
			    const sought = window.clinicTabTo;
			    if (event.key !== 'Tab' || !sought || sought.reached) return;
			    const e = document.activeElement;
			    let focused = '';
			    if (e && e !== document.body) {
			      const labels = e.labels ? [...e.labels].map(l => l.textContent).join(' ') : '';
			      focused = (labels + ' ' + (e.getAttribute('aria-label') || '') + ' ' + (e.labels && e.labels.length ? '' : e.textContent) + ' ' + (e.value && e.type === 'submit' ? e.value : ''))
			        .replace(/\\s+/g, ' ').trim();
			    }
			    sought.seen.push(focused);
			    sought.reached = focused.startsWith(sought.label);
			  }, true);
			}
			window.clinicTabTo = {label: arguments[0], reached: false, seen: []};
			""";

	public KeyboardUser type(String text) {
		new Actions(chromium.driver()).sendKeys(text).perform();
		return this;
	}

	/** Selects all the text in the focused field, so what is typed next replaces it. */
	public KeyboardUser selectAll() {
		return withModifier(Keys.CONTROL, "a");
	}

	/** Holds a modifier down while pressing a key, as Shift+Tab or Ctrl+A need. */
	private KeyboardUser withModifier(Keys modifier, CharSequence key) {
		new Actions(chromium.driver()).keyDown(modifier).sendKeys(key).keyUp(modifier).perform();
		return this;
	}

	public KeyboardUser press(CharSequence key) {
		new Actions(chromium.driver()).sendKeys(key).perform();
		return this;
	}

	/** Follows the focused link or submits the focused form with Enter. */
	public KeyboardUser pressEnter() {
		return press(Keys.ENTER);
	}

	/** Ticks or unticks the focused checkbox, or chooses the focused radio button. */
	public KeyboardUser pressSpace() {
		return press(Keys.SPACE);
	}

	public WebElement focused() {
		WebElement element = chromium.driver().switchTo().activeElement();
		assertThat(element).as("the focused element").isNotNull();
		return element;
	}

}
