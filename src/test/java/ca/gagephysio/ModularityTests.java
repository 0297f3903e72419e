package ca.gagephysio;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps the features from reaching into each other's internals, and writes the module documentation to
 * {@code target/spring-modulith-docs} (or the {@code spring-modulith-docs} folder of the build directory the build
 * names in {@code clinic.build.directory}: {@code .ci/run} runs two suites at once, and the documenter empties its
 * folder before writing).
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(ClinicApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublishedApi() {
		modules.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(modules, System.getProperty("clinic.build.directory", "target") + "/spring-modulith-docs")
			.writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
	}

}
