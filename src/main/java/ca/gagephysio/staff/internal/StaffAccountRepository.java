package ca.gagephysio.staff.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stored staff accounts.
 */
interface StaffAccountRepository extends JpaRepository<StaffAccount, Long> {

	Optional<StaffAccount> findByEmail(String email);

	List<StaffAccount> findAllByOrderByDisplayNameAsc();

	List<StaffAccount> findByEnabledTrueOrderByDisplayNameAsc();

	List<StaffAccount> findByEnabledTrueAndNewInquiryEmailsTrueOrderByDisplayNameAsc();

}
