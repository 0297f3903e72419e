-- Search keys derived from what people sent (issue 9), so the inbox finds a person however either side wrote a name or
-- a number, with an index instead of reading every row:
-- * phone_global: the phone number in E.164 form (at most 15 digits after the +) and, if the person gave one, its
--   extension as RFC 3966 writes it (+19055550142;ext=12), for the duplicate check, the right of access and dialling;
--   it replaces phone_digits, which dropped only a North American +1 and mixed up extensions.
-- * inquiry_search_term: the folded terms the inbox search matches by prefix (see SearchTerms.java), one row each.
-- Both are filled for the rows already stored, and the term index is created, by the Java migration V35
-- (ca.gagephysio.inquiry.internal.InquirySearchKeysMigration): Unicode folding and reading phone numbers need the
-- JDK and libphonenumber, which SQL does not have in either database.
alter table inquiry add column phone_global varchar(40);
create index inquiry_phone_global_idx on inquiry (phone_global);
drop index inquiry_phone_digits_idx;
alter table inquiry drop column phone_digits;

create table inquiry_search_term (
    inquiry_id bigint       not null,
    term       varchar(254) not null,
    constraint inquiry_search_term_pk primary key (inquiry_id, term),
    constraint inquiry_search_term_inquiry_fk foreign key (inquiry_id) references inquiry (id)
);
