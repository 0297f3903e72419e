package ca.gagephysio.staff;

import java.util.List;

/**
 * A warning shown at the top of every back-office page, such as: notification emails have been failing.
 *
 * @param messageKey message key of the text
 * @param arguments arguments for that message
 * @param linkPath where to go to deal with it, or {@code null}
 */
public record StaffNotice(String messageKey, List<Object> arguments, String linkPath) {

	public Object[] argumentArray() {
		return arguments.toArray();
	}

	/**
	 * Implemented by any module with something staff must know about now; the back-office layout shows them all.
	 */
	public interface Source {

		List<StaffNotice> currentNotices();

	}

}
