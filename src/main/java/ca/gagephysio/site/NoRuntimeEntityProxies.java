package ca.gagephysio.site;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Hibernate without a runtime bytecode provider: no entity proxy classes written with ByteBuddy at each start.
 * <p>
 * Hibernate writes a {@code $HibernateProxy} and a {@code $HibernateInstantiator} class per entity at every start
 * (42 classes here), loading ByteBuddy's 920 classes to do it, on the thread that builds the
 * {@code EntityManagerFactory}. The AOT cache cannot hold classes made at run time, so they are made again at each
 * restart and their metadata adds to resident memory. Their only use is lazy loading: a proxy stands for an entity
 * reached through a lazy to-one association or {@code EntityManager.getReference}. This application's entities have
 * neither (no {@code @ManyToOne}, {@code @OneToOne}; its element collections are eager and use Hibernate's own
 * collection classes, not proxies), and no code asks for a reference; entities are instantiated and read by
 * reflection instead.
 * <p>
 * Hibernate 7 takes its provider from {@link java.util.ServiceLoader} (ByteBuddy's, registered by hibernate-core
 * itself) and falls back to its own "none" provider when there is none; a {@link ServiceContributor} provides that
 * one in ByteBuddy's place (a provided service takes precedence over the initiator's). That provider's class sits in
 * an {@code internal} package: it is the one Hibernate itself falls back to, and an upgrade that moves it fails the
 * build, not a start. The enhancer's class transformer, which would load ByteBuddy on its own, is switched off in
 * {@code application.properties} ({@code hibernate.enhancer.*}). Should an entity ever need a proxy, Hibernate
 * refuses with "Generation of HibernateProxy instances at runtime is not allowed when the configured BytecodeProvider
 * is 'none'" (tested by {@code NoRuntimeEntityProxiesTests}): add build-time enhancement then, or remove this class.
 * Measured in docs/performance.md, "Issue 24, ninth pass".
 * <p>
 * With nothing loading it, ByteBuddy's jar is left out of the application ({@code pom.xml}, tenth pass): the JDK kept
 * its central directory in the heap only because Spring Boot opens every jar at start. The tests still have it, for
 * Mockito, so this class is what keeps Hibernate from it in the tests too.
 * <p>
 * Registered in {@code META-INF/services/org.hibernate.service.spi.ServiceContributor}.
 */
public final class NoRuntimeEntityProxies implements ServiceContributor {

	@Override
	public void contribute(StandardServiceRegistryBuilder serviceRegistryBuilder) {
		serviceRegistryBuilder.addService(BytecodeProvider.class,
				new org.hibernate.bytecode.internal.none.BytecodeProviderImpl());
	}

}
