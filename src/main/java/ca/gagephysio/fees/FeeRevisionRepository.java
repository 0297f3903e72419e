package ca.gagephysio.fees;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * The saved versions of the fees, and the row naming the one in force.
 */
interface FeeRevisionRepository extends Repository<FeeRevision, Long> {

	Optional<FeeRevision> findByNumber(int number);

	List<FeeRevision> findAllByOrderByNumberDesc();

	FeeRevision save(FeeRevision revision);

	@Query("select h.currentNumber from FeeScheduleHead h where h.id = 1")
	int findCurrentNumber();

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select h from FeeScheduleHead h where h.id = 1")
	FeeScheduleHead lockHead();

}
