package ca.gagephysio.article;

import jakarta.persistence.EntityManager;

import ca.gagephysio.team.ClinicianReferences;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the team editor which clinicians articles name, so an author or reviewer is never deleted from under an
 * article (whose page would then have no byline to show). Scheduled and unpublished articles count too.
 */
@Component
class ArticleClinicianReferences implements ClinicianReferences {

	private final EntityManager entityManager;

	ArticleClinicianReferences(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean refersTo(String slug) {
		return entityManager
			.createQuery("select count(a) from Article a where a.authorSlug = :slug or a.reviewedBySlug = :slug",
					Long.class)
			.setParameter("slug", slug)
			.getSingleResult() > 0;
	}

}
