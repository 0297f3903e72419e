-- The inbox list at 100,000 inquiries (issue 24, benchmark/back-office.sh). Each page reads the ids it shows first,
-- newest first, then those rows; with the id in the index both databases skip a far page's offset inside the index
-- instead of reading every row before it, and PostgreSQL answers from the index alone. The status in the
-- newest-first index serves the "all but spam" tab's filter there too. They replace the indexes on (status,
-- created_at) and (created_at), whose uses they cover (the same leading columns).
create index inquiry_status_newest_idx on inquiry (status, created_at, id);
drop index inquiry_status_created_idx;
create index inquiry_newest_idx on inquiry (created_at, id, status);
drop index inquiry_created_idx;
-- The tab counts (one grouped count per page, under any service filter): an index-only scan on PostgreSQL, a
-- pass over a small index on H2, not over the table.
create index inquiry_status_service_idx on inquiry (status, service);
