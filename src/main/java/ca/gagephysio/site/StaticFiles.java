package ca.gagephysio.site;

import java.time.Duration;
import java.util.Map;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The site's static files (stylesheets, scripts, images, the vendored editor, the icon), served from
 * {@code classpath:/static/} under the five patterns of {@link #PATHS} only, with a content hash in every link to them
 * ({@code /css/site-<md5>.css}) and cached for a year ({@code Cache-Control: max-age=31536000, public, immutable},
 * RFC 8246), since a changed file gets a new address.
 * <p>
 * Why not Spring Boot's own mapping ({@code spring.web.resources.add-mappings=false} turns it off): Boot maps static
 * files at one pattern, {@code /**}. Spring's {@code ResourceUrlEncodingFilter} puts every link a template writes
 * through the resource handler whose pattern matches it, to find its hashed address; under {@code /**} that is every
 * link, so each {@code /staff/inquiries/123} on a page was looked up as a file in the jar on every render, and a miss
 * is not cached. That was about a fifth of a 100,000-inquiry search page's CPU (docs/performance.md, "The inbox,
 * third pass"). Mapped at these paths only, a link elsewhere matches no handler and costs nothing. The chain is the
 * one Boot builds from its properties (a cache of resolved files, then the content-hash strategy), written here
 * because Boot takes a single path pattern. A new folder under {@code static/} must be added to {@link #PATHS}:
 * {@code StaticFilesTests} fails until it is.
 */
@Configuration(proxyBeanMethods = false)
class StaticFiles implements WebMvcConfigurer {

	/**
	 * The URL pattern of each folder of {@code classpath:/static/} and of the icon, with the folder it is served
	 * from (a pattern's fixed start is not part of the file's path inside its folder). The icon's pattern takes its
	 * hashed name ({@code /favicon-<md5>.svg}) too.
	 */
	static final Map<String, String> PATHS = Map.of("/css/**", "classpath:/static/css/", "/js/**",
			"classpath:/static/js/", "/img/**", "classpath:/static/img/", "/vendor/**", "classpath:/static/vendor/",
			"/favicon*.svg", "classpath:/static/");

	/** How long a browser or proxy may keep a static file: a year, as before (the address changes with the
	 * content, so a kept copy is never out of date). */
	static final Duration KEPT_FOR = Duration.ofDays(365);

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		PATHS.forEach((pattern, folder) -> registry.addResourceHandler(pattern)
			.addResourceLocations(folder)
			.setCacheControl(CacheControl.maxAge(KEPT_FOR).cachePublic().immutable())
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**")));
	}

}
