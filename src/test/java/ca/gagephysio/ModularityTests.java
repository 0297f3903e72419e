package ca.gagephysio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
 * writer wins with the same text. A module that is removed leaves its files behind: delete them with it.
 */
class ModularityTests {

	static final Path DOCS = Path.of("docs", "modules");

	private final ApplicationModules modules = ApplicationModules.of(ClinicApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublishedApiAndTheirDeclaredDependencies() {
		modules.verify();
	}

	@Test
	void writesModuleDocumentation() throws IOException {
		new Documenter(modules, Options.defaults().withOutputFolder(DOCS.toString()).withoutClean())
			.writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
		try (Stream<Path> written = Files.list(DOCS)) {
			for (Path file : written.toList()) {
				Files.write(file, inStableOrder(Files.readAllLines(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
			}
		}
	}

	/**
	 * The documenter lists components, relations and a canvas's entries in hash-set order, which changes from one run
	 * to the next: sorted here, each run of like lines (diagram {@code Component(}s and {@code Rel(}s, one canvas
	 * cell's {@code * } entries), so the committed files change only when the modules do.
	 */
	static List<String> inStableOrder(List<String> lines) {
		List<String> sorted = new ArrayList<>();
		int i = 0;
		while (i < lines.size()) {
			String kind = kindOf(lines.get(i));
			int end = i + 1;
			while (kind != null && end < lines.size() && kind.equals(kindOf(lines.get(end)))
					&& !lines.get(end).startsWith("|")) {
				end++;
			}
			List<String> run = new ArrayList<>(lines.subList(i, end));
			boolean cell = run.get(0).startsWith("|* ");
			if (cell) {
				run.set(0, run.get(0).substring(1));
			}
			run.sort(null);
			if (cell) {
				run.set(0, "|" + run.get(0));
			}
			sorted.addAll(run);
			i = end;
		}
		return sorted;
	}

	private static String kindOf(String line) {
		String trimmed = line.strip();
		if (trimmed.startsWith("Component(") || trimmed.startsWith("Rel(")) {
			return line.substring(0, line.indexOf(trimmed)) + trimmed.substring(0, trimmed.indexOf('('));
		}
		if (line.startsWith("* ") || line.startsWith("|* ")) {
			return "*";
		}
		return null;
	}

}
