-- Issue 22. What the form showed as the next new-client opening when the person inquired (the text, as shown, and
-- its earliest day), and whether they joined the waiting list (the clinic was not accepting new clients then).
-- Existing inquiries were none of these: false and empty.
alter table inquiry add column waiting_list boolean default false not null;
alter table inquiry add column opening_shown varchar(500);
alter table inquiry add column opening_shown_on date;
-- The inbox's "Waiting list" tab, oldest first.
create index inquiry_waiting_list_idx on inquiry (waiting_list, status, created_at, id);
