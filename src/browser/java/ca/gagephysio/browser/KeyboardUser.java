package ca.gagephysio.browser;

import java.util.LinkedHashSet;
import java.util.Set;

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

	private KeyboardUser moveFocusTo(String label, boolean backwards) {
		Set<String> reached = new LinkedHashSet<>();
		for (int i = 0; i < MAX_TAB_PRESSES; i++) {
			if (backwards) {
				withModifier(Keys.SHIFT, Keys.TAB);
			}
			else {
				press(Keys.TAB);
			}
			String focused = (String) chromium.script("""
					const e = document.activeElement;
					if (!e || e === document.body) return '';
					const labels = e.labels ? [...e.labels].map(l => l.textContent).join(' ') : '';
					return (labels + ' ' + (e.getAttribute('aria-label') || '') + ' ' + (e.labels && e.labels.length ? '' : e.textContent) + ' ' + (e.value && e.type === 'submit' ? e.value : ''))
					  .replace(/\\s+/g, ' ').trim();
					""");
			if (focused.startsWith(label)) {
				return this;
			}
			reached.add(focused);
		}
		throw new AssertionError("No control labelled \"" + label + "\" could be reached with the "
				+ (backwards ? "Shift+Tab keys" : "Tab key") + "; it reached " + reached);
	}

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
