package ca.gagephysio.inquiry.reply;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The reply templates.
 */
interface ReplyTemplateRepository extends JpaRepository<ReplyTemplate, Long> {

	List<ReplyTemplate> findAllByOrderByNameAsc();

	boolean existsByNameIgnoreCase(String name);

	boolean existsByNameIgnoreCaseAndIdNot(String name, long id);

}
