package ca.gagephysio.staff;

import java.util.List;

/**
 * A warning shown at the top of every back-office page, such as: notification emails have been failing.
 *
 * @param messageKey message key of the text
 * @param arguments arguments for that message
 * @param linkPath where to go to deal with it, or {@code null}
 * @param audience who sees it
 */
public record StaffNotice(String messageKey, List<Object> arguments, String linkPath, Audience audience) {

	/** A notice every signed-in staff member sees. */
	public StaffNotice(String messageKey, List<Object> arguments, String linkPath) {
		this(messageKey, arguments, linkPath, Audience.EVERYONE);
	}

	/**
	 * A notice only staff who are not administrators see: the same news as an administrators' notice, with a link
	 * they can open (administrators get their own, linking to the page where they can put it right).
	 */
	public static StaffNotice forOtherStaff(String messageKey, List<Object> arguments, String linkPath) {
		return new StaffNotice(messageKey, arguments, linkPath, Audience.OTHER_STAFF);
	}

	/** A notice only administrators see: something only they can put right, such as the clinic's settings. */
	public static StaffNotice forAdministrators(String messageKey, List<Object> arguments, String linkPath) {
		return new StaffNotice(messageKey, arguments, linkPath, Audience.ADMINISTRATORS);
	}

	public Object[] argumentArray() {
		return arguments.toArray();
	}

	/** Who a notice is for; the back-office layout shows each person only theirs. */
	public enum Audience {

		EVERYONE, ADMINISTRATORS, OTHER_STAFF;

		/** Whether someone, administrator or not, sees a notice for this audience. */
		public boolean includes(boolean administrator) {
			return switch (this) {
				case EVERYONE -> true;
				case ADMINISTRATORS -> administrator;
				case OTHER_STAFF -> !administrator;
			};
		}

	}

	/**
	 * Implemented by any module with something staff must know about now; the back-office layout shows them all.
	 * The layout gathers every source's notices once for everybody and shows them for a few seconds
	 * ({@code clinic.staff.notices.cache-for}, 5 s as shipped; a back-office write gathers afresh), so a source must
	 * not depend on who is signed in: who sees a notice is its {@link Audience}.
	 */
	public interface Source {

		List<StaffNotice> currentNotices();

	}

}
