package ca.gagephysio.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffMember;

import org.springframework.stereotype.Component;

/**
 * Who is emailed about a new inquiry. By default every enabled staff account whose owner has left "email me about
 * new inquiries" on (the staff module's {@link StaffDirectory}); when {@code clinic.notifications.staff-recipients}
 * is set, those addresses instead and no one else (a shared front-desk mailbox replaces the personal alerts, so
 * nobody gets each alert twice).
 * <p>
 * Asked once, when the inquiry is stored, and each answer becomes one outbox row per address: the alert goes to who
 * wanted it when the inquiry came in. An account disabled or turned off after that still gets the alerts already
 * queued for it (they hold only a reference and a link it can no longer open); one added later gets none of them.
 */
@Component
class AlertRecipients {

	private final NotificationSettings settings;

	private final StaffDirectory staff;

	AlertRecipients(NotificationSettings settings, StaffDirectory staff) {
		this.settings = settings;
		this.staff = staff;
	}

	/** The addresses to alert now, each once (compared without case), in a stable order; may be empty. */
	List<String> current() {
		List<String> addresses = settings.hasStaffRecipients() ? settings.staffAddresses()
				: staff.newInquiryAlertRecipients().stream().map(StaffMember::email).toList();
		Set<String> seen = new LinkedHashSet<>();
		return addresses.stream()
			.filter(address -> address != null && !address.isBlank())
			.map(String::strip)
			.filter(address -> seen.add(address.toLowerCase(Locale.ROOT)))
			.toList();
	}

	/** Whether the shared front-desk addresses replace the staff accounts' own choices. */
	boolean overridden() {
		return settings.hasStaffRecipients();
	}

}
