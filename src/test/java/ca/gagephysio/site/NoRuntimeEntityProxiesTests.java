package ca.gagephysio.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.gagephysio.ClinicIntegrationTest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import org.hibernate.HibernateException;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link NoRuntimeEntityProxies}: Hibernate runs on its "none" bytecode provider, so it writes no proxy classes at
 * start; no entity has a to-one association that would need one; and asking for a proxy fails loudly instead of
 * quietly loading ByteBuddy back.
 */
@ClinicIntegrationTest
class NoRuntimeEntityProxiesTests {

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Test
	void hibernateRunsOnItsNoneBytecodeProvider() {
		BytecodeProvider provider = entityManagerFactory.unwrap(SessionFactoryImplementor.class)
			.getServiceRegistry()
			.requireService(BytecodeProvider.class);

		assertThat(provider).isInstanceOf(org.hibernate.bytecode.internal.none.BytecodeProviderImpl.class);
	}

	@Test
	void noEntityHasAToOneAssociationThatWouldNeedAProxy() {
		for (EntityType<?> entity : entityManagerFactory.getMetamodel().getEntities()) {
			for (Attribute<?, ?> attribute : entity.getAttributes()) {
				assertThat(attribute.getPersistentAttributeType())
					.as("%s.%s: a to-one association needs Hibernate's proxies (see NoRuntimeEntityProxies)",
							entity.getName(), attribute.getName())
					.isNotIn(Attribute.PersistentAttributeType.MANY_TO_ONE, Attribute.PersistentAttributeType.ONE_TO_ONE);
			}
		}
	}

	@Test
	void aReferenceToAnEntityNotLoadedIsRefusedWithHibernatesMessage() {
		EntityType<?> entity = entityManagerFactory.getMetamodel()
			.getEntities()
			.stream()
			.filter((candidate) -> candidate.getIdType().getJavaType() == Long.class)
			.findFirst()
			.orElseThrow();
		try (EntityManager entityManager = entityManagerFactory.createEntityManager()) {
			assertThatThrownBy(() -> entityManager.getReference(entity.getJavaType(), Long.MAX_VALUE))
				.isInstanceOf(HibernateException.class)
				.hasMessageContaining("BytecodeProvider is 'none'");
		}
	}

}
