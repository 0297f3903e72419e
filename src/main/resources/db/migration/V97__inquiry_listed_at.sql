-- The inbox's lists sort newest first with an inquiry back from a snooze counting from its time
-- (coalesce(snoozed_until, created_at), issue 23), which no index could serve: on a quiet machine with 100,000
-- inquiries on PostgreSQL every list page sorted the whole table (156 to 302 ms a page, benchmark/back-office.sh).
-- The sort key is now a column the entity keeps (Inquiry.listedAt), and the list indexes lead with it. The snooze
-- time rides at the end of each index so the "not snoozed now" filter is answered from the index too, and the
-- tab counts (grouped by status, under a service filter, of inquiries not snoozed now) stay an index-only scan.
alter table inquiry add column listed_at timestamp with time zone;
update inquiry set listed_at = coalesce(snoozed_until, created_at);
alter table inquiry alter column listed_at set not null;
create index inquiry_status_listed_idx on inquiry (status, listed_at, id, snoozed_until);
create index inquiry_listed_idx on inquiry (listed_at, id, status, snoozed_until);
create index inquiry_status_service_snooze_idx on inquiry (status, service, snoozed_until);
drop index inquiry_status_service_idx;
-- "N snoozed" above the lists counts the inquiries put away past now: a range over this index, not a pass over
-- every inquiry.
create index inquiry_snoozed_until_idx on inquiry (snoozed_until);
