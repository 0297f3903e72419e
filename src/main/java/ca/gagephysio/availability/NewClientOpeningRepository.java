package ca.gagephysio.availability;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.Repository;

interface NewClientOpeningRepository extends Repository<NewClientOpening, Long> {

	/** Openings on or after {@code day}, in no order. */
	List<NewClientOpening> findByOpeningDateGreaterThanEqual(LocalDate day);

	/** Every stored opening, past ones included, for the back-office list. */
	List<NewClientOpening> findAllByOrderByScopeAsc();

	/** The opening of one scope, its row locked, so two saves of one scope go one after the other. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<NewClientOpening> findByScope(String scope);

	NewClientOpening saveAndFlush(NewClientOpening opening);

	void delete(NewClientOpening opening);

}
