package ca.gagephysio.site;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the management port is the public port. Spring Boot would then serve every exposed actuator
 * endpoint ({@code info}, {@code prometheus}) on the site itself, through the proxy, to anyone. It happens by
 * accident easily: an instance given {@code SERVER_PORT=9080} and no {@code MANAGEMENT_SERVER_PORT}.
 * <p>
 * The same rule as Spring Boot's own {@code ManagementPortType}: the ports are the same when the management port is
 * set, not 0 (random) and equal to {@code server.port} (8080 when unset). A negative management port switches the
 * actuator's web endpoints off, which is safe.
 */
@Component
class ManagementPortCheck {

	ManagementPortCheck(Environment environment) {
		Integer management = environment.getProperty("management.server.port", Integer.class);
		int server = environment.getProperty("server.port", Integer.class, 8080);
		if (management == null || (management != 0 && management == server)) {
			throw new SettingRefused("management.server.port", "it is " + management + "; it must be set and differ from "
					+ "server.port (" + server + "): otherwise health details, build info and metrics would be served "
					+ "to the public.", "Set MANAGEMENT_SERVER_PORT to a port of its own (see docs/configuration.md).");
		}
	}

}
