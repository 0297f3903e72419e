package ca.gagephysio.site;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.data.repository.Repository;

/**
 * Spring Data's deferred start of the repositories ({@code spring.data.jpa.repositories.bootstrap-mode=deferred}) for
 * the jar built with Spring's ahead-of-time processing and started with {@code -Dspring.aot.enabled=true}.
 * <p>
 * Deferred mode builds Hibernate's {@code EntityManagerFactory} on a background thread while the main thread creates
 * the other beans. Spring Data makes that work by giving every bean a lazy proxy for each repository it is given, and
 * creating the repositories once the context has been refreshed. It sets both up while it registers the repositories'
 * bean definitions, which for a processed jar happens at build time, so a processed jar started without them: the
 * first bean given a repository (the clinic's facts, early, through the page cache's filter) created it at once, and
 * the main thread waited there for the whole of Hibernate's start (0.9 s at a load of 3.5; docs/performance.md,
 * "Start-up, fifth pass"). This puts both back in a processed jar, as Spring Data's own package-private
 * {@code LazyRepositoryInjectionPointResolver} and {@code DeferredRepositoryInitializationListener} do (they cannot be
 * reused from here): a repository interface whose bean definition is lazy (what deferred mode writes into the
 * processed jar) is injected as a lazy proxy, and every repository is created once every other singleton has been
 * ({@link RepositoriesMade}), before the web server takes its first request, so a broken query or mapping still stops
 * the start. Without Spring's AOT processing it does nothing: Spring Data sets up the same itself.
 * <p>
 * Measured on a restart (docs/performance.md, "eighth pass"): with this, and no bean asking Hibernate for anything
 * while it is made, the main thread no longer waits for Hibernate (about 0.3 s before), and the first answer came
 * 0.05 to 0.1 s sooner in runs taking turns with the jar without it. It is hand-written because Spring Data's own
 * classes for it are package-private and installed only while repository definitions are registered.
 * <p>
 * Registered in {@code META-INF/spring.factories}, so it runs after the processed jar's own initializer has set the
 * bean factory up.
 */
final class AheadOfTimeDeferredRepositories implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AheadOfTimeDeferredRepositories.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (!AotDetector.useGeneratedArtifacts()
				|| !(context.getBeanFactory() instanceof DefaultListableBeanFactory beanFactory)) {
			return;
		}
		if (beanFactory.getAutowireCandidateResolver().getClass() != ContextAnnotationAutowireCandidateResolver.class) {
			// Another resolver is in place; replacing it would lose what it does. The start is then as without this.
			log.warn("Repositories are created when first injected: the bean factory has its own autowire candidate resolver ({})",
					beanFactory.getAutowireCandidateResolver().getClass().getName());
			return;
		}
		beanFactory.setAutowireCandidateResolver(new LazyRepositories(beanFactory));
		RootBeanDefinition made = new RootBeanDefinition(RepositoriesMade.class, () -> new RepositoriesMade(beanFactory));
		made.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		beanFactory.registerBeanDefinition(RepositoriesMade.class.getName(), made);
	}

	/**
	 * Makes every repository once all other singletons have been made: after the beans that Hibernate's background
	 * start ran beside, and before the web server takes its first request, so a broken query or mapping stops the
	 * start before anything is served.
	 */
	record RepositoriesMade(DefaultListableBeanFactory beanFactory) implements SmartInitializingSingleton {

		@Override
		public void afterSingletonsInstantiated() {
			beanFactory.getBeansOfType(Repository.class);
		}

	}

	/** Lazy proxies for the repositories whose bean definitions are lazy; everything else as Spring resolves it. */
	static final class LazyRepositories extends ContextAnnotationAutowireCandidateResolver {

		private final DefaultListableBeanFactory beanFactory;

		LazyRepositories(DefaultListableBeanFactory beanFactory) {
			this.beanFactory = beanFactory;
		}

		@Override
		protected boolean isLazy(DependencyDescriptor descriptor) {
			return super.isLazy(descriptor) || lazyRepository(descriptor.getDependencyType());
		}

		private boolean lazyRepository(Class<?> type) {
			if (!type.isInterface() || !Repository.class.isAssignableFrom(type)) {
				return false;
			}
			String[] names = beanFactory.getBeanNamesForType(type, true, false);
			if (names.length != 1 || !beanFactory.containsBeanDefinition(names[0])) {
				return false;
			}
			BeanDefinition definition = beanFactory.getBeanDefinition(names[0]);
			return definition.isLazyInit() && !beanFactory.containsSingleton(names[0]);
		}

	}

}
