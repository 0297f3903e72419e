package ca.gagephysio.inquiry.reply;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * The reply templates.
 */
interface ReplyTemplateRepository extends JpaRepository<ReplyTemplate, Long> {

	List<ReplyTemplate> findAllByOrderByNameAsc();

	boolean existsByNameIgnoreCase(String name);

	boolean existsByNameIgnoreCaseAndIdNot(String name, long id);

	Optional<ReplyTemplate> findByRequestKey(String requestKey);

	/**
	 * The template, its row locked until the transaction ends ({@code select ... for update}): two saves at the
	 * same instant happen one after the other, the second seeing the first's version.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from ReplyTemplate t where t.id = :id")
	Optional<ReplyTemplate> findByIdForUpdate(long id);

}
