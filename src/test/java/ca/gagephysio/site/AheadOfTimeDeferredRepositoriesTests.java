package ca.gagephysio.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.repository.Repository;

/**
 * The lazy repository injection {@link AheadOfTimeDeferredRepositories} gives a jar built with Spring's AOT processing:
 * a bean given a lazily defined repository gets a proxy, and the repository is made at its first use, not when the
 * bean is; a repository defined eagerly, or already made, is injected as it is; every repository is made once the
 * other singletons are, and one that cannot be made stops the start; and without the AOT processing nothing changes
 * (Spring Data does it itself then).
 */
class AheadOfTimeDeferredRepositoriesTests {

	interface Things extends Repository<Object, Long> {

		long count();

	}

	record Consumer(Things things) {
	}

	private final AtomicInteger made = new AtomicInteger();

	private DefaultListableBeanFactory beanFactory(boolean lazyRepository) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		RootBeanDefinition repository = new RootBeanDefinition(Things.class, () -> {
			made.incrementAndGet();
			return (Things) () -> 42;
		});
		repository.setLazyInit(lazyRepository);
		beanFactory.registerBeanDefinition("things", repository);
		RootBeanDefinition consumer = new RootBeanDefinition(Consumer.class);
		consumer.setAutowireMode(RootBeanDefinition.AUTOWIRE_CONSTRUCTOR);
		beanFactory.registerBeanDefinition("consumer", consumer);
		beanFactory.setAutowireCandidateResolver(new AheadOfTimeDeferredRepositories.LazyRepositories(beanFactory));
		return beanFactory;
	}

	@Test
	void aLazilyDefinedRepositoryIsMadeAtItsFirstUseNotWhenTheBeanGivenItIs() {
		DefaultListableBeanFactory beanFactory = beanFactory(true);

		Consumer consumer = beanFactory.getBean(Consumer.class);

		assertThat(made).hasValue(0);
		assertThat(consumer.things().count()).isEqualTo(42);
		assertThat(made).hasValue(1);
	}

	@Test
	void anEagerlyDefinedRepositoryIsInjectedAsItIs() {
		DefaultListableBeanFactory beanFactory = beanFactory(false);
		beanFactory.preInstantiateSingletons();

		assertThat(beanFactory.getBean(Consumer.class).things()).isSameAs(beanFactory.getBean(Things.class));
		assertThat(made).hasValue(1);
	}

	@Test
	void aRepositoryAlreadyMadeIsInjectedAsItIs() {
		DefaultListableBeanFactory beanFactory = beanFactory(true);
		Things things = beanFactory.getBean(Things.class);

		assertThat(beanFactory.getBean(Consumer.class).things()).isSameAs(things);
	}

	@Test
	void everyRepositoryIsMadeOnceTheOtherSingletonsAreBeforeAnythingIsServed() {
		DefaultListableBeanFactory beanFactory = beanFactory(true);
		beanFactory.registerBeanDefinition("repositoriesMade", new RootBeanDefinition(
				AheadOfTimeDeferredRepositories.RepositoriesMade.class,
				() -> new AheadOfTimeDeferredRepositories.RepositoriesMade(beanFactory)));

		beanFactory.preInstantiateSingletons();

		assertThat(made).hasValue(1);
		assertThat(beanFactory.containsSingleton("things")).isTrue();
	}

	@Test
	void aRepositoryThatCannotBeMadeStopsTheStart() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		RootBeanDefinition broken = new RootBeanDefinition(Things.class, () -> {
			throw new IllegalStateException("a query that does not parse");
		});
		broken.setLazyInit(true);
		beanFactory.registerBeanDefinition("things", broken);
		beanFactory.registerBeanDefinition("repositoriesMade", new RootBeanDefinition(
				AheadOfTimeDeferredRepositories.RepositoriesMade.class,
				() -> new AheadOfTimeDeferredRepositories.RepositoriesMade(beanFactory)));

		assertThatThrownBy(beanFactory::preInstantiateSingletons).hasRootCauseMessage("a query that does not parse");
	}

	@Test
	void withoutSpringsAheadOfTimeProcessingTheContextIsLeftAsItIs() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.getDefaultListableBeanFactory().setAutowireCandidateResolver(new ContextAnnotationAutowireCandidateResolver());

			new AheadOfTimeDeferredRepositories().initialize(context);

			assertThat(context.getDefaultListableBeanFactory().getAutowireCandidateResolver())
				.isExactlyInstanceOf(ContextAnnotationAutowireCandidateResolver.class);
		}
	}

}
