package ca.gagephysio.staff.session;

import ca.gagephysio.staff.signin.StaffProperties;

import java.time.Duration;

import ca.gagephysio.site.SettingRefused;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start where a staff session would never end: an idle time-out ({@code server.servlet.session.timeout},
 * or {@code spring.session.timeout} which Spring Session prefers) or an absolute one
 * ({@code clinic.staff.absolute-session-timeout}) of zero or less, which the servlet container and Spring Session
 * read as "never". A back office holding health information left signed in on a shared front-desk computer is the
 * open door the time-outs close. Warns when the idle time-out is longer than the absolute one (it then never acts).
 */
@Component
class SessionSettingsCheck {

	private static final Logger log = LoggerFactory.getLogger(SessionSettingsCheck.class);

	SessionSettingsCheck(Environment environment, StaffProperties properties) {
		String idleSetting = environment.containsProperty("spring.session.timeout") ? "spring.session.timeout"
				: "server.servlet.session.timeout";
		// The binder reads "30m" as Spring Boot does for these properties; plain Environment conversion may not.
		Duration idle = Binder.get(environment).bind(idleSetting, Duration.class).orElse(Duration.ofMinutes(30));
		refuseIfNeverEnding(idleSetting, idle);
		refuseIfNeverEnding("clinic.staff.absolute-session-timeout", properties.absoluteSessionTimeout());
		if (idle.compareTo(properties.absoluteSessionTimeout()) > 0) {
			log.warn("{} ({}) is longer than clinic.staff.absolute-session-timeout ({}): the idle time-out never "
					+ "ends a session.", idleSetting, idle, properties.absoluteSessionTimeout());
		}
	}

	private static void refuseIfNeverEnding(String setting, Duration timeout) {
		if (timeout == null || timeout.isZero() || timeout.isNegative()) {
			throw new SettingRefused(setting, "it is " + timeout + ", which the server reads as \"never\": a staff "
					+ "session left open on a shared computer would stay signed in for good.",
					"Set a positive time-out, such as 30m (idle) or 10h (absolute), or leave it out.");
		}
	}

}
