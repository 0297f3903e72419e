package ca.gagephysio.staff.account;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * Stored staff accounts.
 */
public interface StaffAccountRepository extends JpaRepository<StaffAccount, Long> {

	Optional<StaffAccount> findByEmail(String email);

	/**
	 * The account, its row locked until the transaction ends ({@code select ... for update}): two changes to one
	 * account at the same instant (two administrators, or a double click) happen one after the other.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select a from StaffAccount a where a.id = :id")
	Optional<StaffAccount> findByIdForUpdate(long id);

	/** {@link #findByIdForUpdate} by the (normalised) email. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select a from StaffAccount a where a.email = :email")
	Optional<StaffAccount> findByEmailForUpdate(String email);

	List<StaffAccount> findAllByOrderByDisplayNameAsc();

	List<StaffAccount> findByEnabledTrueOrderByDisplayNameAsc();

	List<StaffAccount> findByEnabledTrueAndNewInquiryEmailsTrueOrderByDisplayNameAsc();

	List<StaffAccount> findByEnabledTrueAndRoleOrderByDisplayNameAsc(StaffRole role);

	List<StaffAccount> findByEnabledTrueAndRoleAndWeeklyDigestTrueOrderByDisplayNameAsc(StaffRole role);

}
