package ca.gagephysio;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.Options;

/**
 * Keeps the features from reaching into each other's internals and to the dependencies each module declares in its
 * {@code package-info.java}, and writes the module documentation (the component diagram {@code components.puml}, one
 * diagram and one canvas per module) to {@code docs/modules}, where it is committed with the code it describes.
 * <p>
 * Written without cleaning the folder first: {@code .ci/run} runs two suites at once from the same checkout, and a
 * documenter that empties its folder could delete what the other is writing. Both write the same files, so the last
 * writer wins with the same text. A module that is removed leaves its two files behind: delete them with it.
 */
class ModularityTests {

	static final String DOCS = "docs/modules";

	private final ApplicationModules modules = ApplicationModules.of(ClinicApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublishedApiAndTheirDeclaredDependencies() {
		modules.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(modules, Options.defaults().withOutputFolder(DOCS).withoutClean())
			.writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
	}

}
