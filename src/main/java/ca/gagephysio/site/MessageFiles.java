package ca.gagephysio.site;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.autoconfigure.context.MessageSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The site's texts: every message file in {@value #FOLDER} (one per module: {@code i18n/article.properties},
 * {@code i18n/staff.properties}, ...), found by that convention, so a module adds its file without editing a list.
 * A file whose name carries a locale ({@code team_fr.properties}) is a translation of the default one, found by its
 * base name as {@link java.util.ResourceBundle} finds it (so a module's own file name has no underscore). The other
 * {@code spring.messages.*} settings apply as Spring Boot applies them; {@code spring.messages.basename} is not
 * read, since the folder is the list. No key is defined in two files ({@code I18nPropertiesSyncTests}), so the
 * order the files are searched in does not matter.
 */
@Configuration(proxyBeanMethods = false)
class MessageFiles {

	static final String FOLDER = "i18n/";

	@Bean
	@ConfigurationProperties("spring.messages")
	MessageSourceProperties messageSourceProperties() {
		return new MessageSourceProperties();
	}

	/**
	 * Named {@code messageSource}, the name the application context looks up (and that makes Spring Boot's own
	 * message source, which needs its list of base names, stand back).
	 */
	@Bean
	MessageSource messageSource(MessageSourceProperties properties) throws IOException {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames(basenames(new PathMatchingResourcePatternResolver()).toArray(String[]::new));
		if (properties.getEncoding() != null) {
			messages.setDefaultEncoding(properties.getEncoding().name());
		}
		messages.setFallbackToSystemLocale(properties.isFallbackToSystemLocale());
		if (properties.getCacheDuration() != null) {
			messages.setCacheMillis(properties.getCacheDuration().toMillis());
		}
		messages.setAlwaysUseMessageFormat(properties.isAlwaysUseMessageFormat());
		messages.setUseCodeAsDefaultMessage(properties.isUseCodeAsDefaultMessage());
		return messages;
	}

	/** The base name of every default-locale message file on the class path, sorted: {@code i18n/article}, .... */
	static List<String> basenames(ResourcePatternResolver resolver) throws IOException {
		return Arrays.stream(resolver.getResources("classpath*:" + FOLDER + "*.properties"))
			.map(Resource::getFilename)
			.filter(Objects::nonNull)
			.filter(name -> !name.contains("_"))
			.map(name -> FOLDER + name.substring(0, name.length() - ".properties".length()))
			.distinct()
			.sorted()
			.toList();
	}

}
