-- Issue 11, the owner's insights. How long the clinic took to answer an inquiry, counted in its opening hours only
-- (its time zone, open days and hours, and the statutory holidays it closes on, as they were when the response was
-- recorded), so the median and the 90th percentile can be computed by the database (percentile_cont). Written when
-- the first response is recorded; rows answered before this column existed are filled in by the application
-- (inquiry/inbox/FirstResponseTimes), at start-up and again before the figures are read.
alter table inquiry add column first_response_open_seconds bigint;
-- Whether that first response came within one business day (by the time the inbox marks an inquiry overdue).
alter table inquiry add column first_response_in_time boolean;

-- Finds the answered rows still without a value quickly: they are the rows with a null value and a response time.
create index inquiry_first_response_open_idx on inquiry (first_response_open_seconds, first_responded_at);
