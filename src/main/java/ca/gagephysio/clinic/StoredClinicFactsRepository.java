package ca.gagephysio.clinic;

import org.springframework.data.jpa.repository.JpaRepository;

interface StoredClinicFactsRepository extends JpaRepository<StoredClinicFacts, Short> {
}
