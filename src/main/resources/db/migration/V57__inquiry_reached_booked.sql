-- Issue 11, the owner's insights: whether an inquiry was ever moved to BOOKED, kept on the row so that "the share
-- that reached booked" (booked now, or booked and later closed) is a plain column in the aggregate queries. It was
-- an EXISTS over inquiry_activity for every closed inquiry, which cost H2 about 60 % of each per-source query on
-- 100,000 inquiries (benchmark/insights.sh). Set by Inquiry.changeStatus from now on; earlier rows from their
-- activity log, which records every status change.
alter table inquiry add column reached_booked boolean default false not null;
update inquiry set reached_booked = true
where status = 'BOOKED'
   or exists (select 1 from inquiry_activity a where a.inquiry_id = inquiry.id and a.to_status = 'BOOKED');
