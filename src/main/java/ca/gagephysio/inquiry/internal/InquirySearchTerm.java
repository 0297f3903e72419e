package ca.gagephysio.inquiry.internal;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import org.hibernate.annotations.Immutable;

/**
 * One stored search term, mapped read-only for queries: {@link Inquiry#searchTerms} writes the rows. A query
 * rooted here reads the term index alone; one that joined the terms from {@code Inquiry} would make H2 walk every
 * inquiry and look its terms up (its plan for the join), which is the full pass the terms exist to avoid.
 */
@Entity
@Immutable
@IdClass(InquirySearchTerm.Key.class)
@Table(name = "inquiry_search_term")
public class InquirySearchTerm {

	@Id
	@Column(name = "inquiry_id")
	private Long inquiryId;

	@Id
	private String term;

	protected InquirySearchTerm() {
		// for JPA
	}

	/**
	 * The ids of inquiries with a term starting with {@code prefix}, for {@code id in (...)}: {@code select
	 * inquiry_id from inquiry_search_term where term like 'prefix%'}, a range scan of the term index (with
	 * {@code varchar_pattern_ops} on PostgreSQL). A prefix from {@link SearchTerms#prefixesFor} holds letters and
	 * digits only, so nothing in it needs escaping.
	 */
	public static Subquery<Long> idsOfInquiriesWithATermStartingWith(String prefix, CommonAbstractCriteria query,
			CriteriaBuilder cb) {
		Subquery<Long> ids = query.subquery(Long.class);
		Root<InquirySearchTerm> term = ids.from(InquirySearchTerm.class);
		return ids.select(term.get("inquiryId")).where(cb.like(term.get("term"), prefix + "%"));
	}

	/**
	 * Whether the inquiry with the id {@code inquiryId} (a column of the outer query) has a term starting with
	 * {@code prefix}: a correlated {@code exists}, one look-up in the primary key's index on (inquiry_id, term) for
	 * each inquiry the outer query reads. Cheaper than {@link #idsOfInquiriesWithATermStartingWith} only when the
	 * outer query stops after reading few inquiries (a page of a search many inquiries match, read newest first).
	 */
	public static Predicate anInquiryTermStartsWith(Expression<Long> inquiryId, String prefix,
			CommonAbstractCriteria query, CriteriaBuilder cb) {
		Subquery<Integer> one = query.subquery(Integer.class);
		Root<InquirySearchTerm> term = one.from(InquirySearchTerm.class);
		one.select(cb.literal(1))
			.where(cb.equal(term.get("inquiryId"), inquiryId), cb.like(term.get("term"), prefix + "%"));
		return cb.exists(one);
	}

	/** The composite key: an inquiry holds each term once. */
	record Key(Long inquiryId, String term) implements Serializable {
	}

}
