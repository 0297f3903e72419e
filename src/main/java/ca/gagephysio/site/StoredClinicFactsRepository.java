package ca.gagephysio.site;

import org.springframework.data.jpa.repository.JpaRepository;

interface StoredClinicFactsRepository extends JpaRepository<StoredClinicFacts, Short> {
}
