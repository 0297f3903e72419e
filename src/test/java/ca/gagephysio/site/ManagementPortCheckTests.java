package ca.gagephysio.site;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ManagementPortCheckTests {

	@Test
	void theManagementPortMayNotBeThePublicPort() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8081")
			.withProperty("management.server.port", "8081");

		assertThatExceptionOfType(SettingRefused.class).isThrownBy(() -> new ManagementPortCheck(environment))
			.withMessageContaining("must be set and differ from server.port (8081)");
	}

	@Test
	void theManagementPortMayNotBeLeftOutSinceTheActuatorWouldThenBeOnThePublicPort() {
		assertThatExceptionOfType(SettingRefused.class)
			.isThrownBy(() -> new ManagementPortCheck(new MockEnvironment().withProperty("server.port", "8081")));
	}

	@Test
	void aPortOfItsOwnRandomPortsAndASwitchedOffActuatorAreFine() {
		assertThatCode(() -> new ManagementPortCheck(new MockEnvironment().withProperty("server.port", "8080")
			.withProperty("management.server.port", "9080"))).doesNotThrowAnyException();
		assertThatCode(() -> new ManagementPortCheck(new MockEnvironment().withProperty("server.port", "0")
			.withProperty("management.server.port", "0"))).doesNotThrowAnyException();
		assertThatCode(() -> new ManagementPortCheck(new MockEnvironment().withProperty("management.server.port", "-1")))
			.doesNotThrowAnyException();
	}

}
