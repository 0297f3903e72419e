package ca.gagephysio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's ahead-of-time processing ({@code ./mvnw -Paot package}, what deploy/ runs) evaluates every
 * {@code @Conditional} once, at build time, on the build's settings, and the jar keeps only the beans that matched:
 * a bean conditional on a property or a profile would then ignore what production sets. So no class of the
 * application (nor a {@code @Bean} method in one) is conditional, {@code @Profile} included; a setting that changes
 * what a bean does is read from the environment when it starts (as {@code site.http.RequestTimer} and
 * {@code notification.MailServer} do). Only conditions on a class being present are allowed: the jar that runs is
 * the jar that was processed. Reads the compiled classes' annotations without loading them.
 */
class AheadOfTimeConditionsTests {

	private static final Set<String> DECIDED_BY_THE_JAR = Set.of(ConditionalOnClass.class.getName(),
			ConditionalOnMissingClass.class.getName());

	@Test
	void noBeanOfTheApplicationIsConditionalOnSettingsTheBuildWouldFix() throws IOException {
		String classes = ClinicApplication.class.getProtectionDomain().getCodeSource().getLocation().toString();
		Resource[] found = new PathMatchingResourcePatternResolver()
			.getResources(classes + ClinicApplication.class.getPackageName().replace('.', '/') + "/**/*.class");
		SimpleMetadataReaderFactory readers = new SimpleMetadataReaderFactory();
		List<String> conditional = new ArrayList<>();
		for (Resource resource : found) {
			AnnotationMetadata type = readers.getMetadataReader(resource).getAnnotationMetadata();
			conditionsOn(type).forEach(condition -> conditional.add(type.getClassName() + ": @" + condition));
			for (MethodMetadata method : type.getDeclaredMethods()) {
				conditionsOn(method).forEach(condition -> conditional
					.add(type.getClassName() + "." + method.getMethodName() + "(): @" + condition));
			}
		}

		assertThat(found).as("the application's compiled classes under " + classes).hasSizeGreaterThan(100);
		assertThat(conditional).as("conditional beans (an ahead-of-time build fixes them at build time)").isEmpty();
	}

	/** The annotations on an element that are (or are meta-annotated with) {@code @Conditional}, bar the allowed. */
	private static List<String> conditionsOn(AnnotatedTypeMetadata element) {
		return element.getAnnotations()
			.stream(Conditional.class)
			.map(condition -> condition.getRoot().getType().getName())
			.filter(name -> !DECIDED_BY_THE_JAR.contains(name))
			.distinct()
			.toList();
	}

}
