package ca.gagephysio.site;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.context.event.ContextRefreshedEvent;
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
 * processed jar) is injected as a lazy proxy, and every repository is created when the context has been refreshed,
 * before the app reports itself ready, so a broken query or mapping still stops the start. Without Spring's AOT
 * processing it does nothing: Spring Data sets up the same itself.
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
		context.addApplicationListener((ContextRefreshedEvent event) -> {
			if (event.getApplicationContext() == context) {
				beanFactory.getBeansOfType(Repository.class);
			}
		});
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
