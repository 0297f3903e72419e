-- Issue 22: an acknowledgement says the person joined the waiting list when they did; the row keeps it, since the
-- email is rendered when it is sent.
alter table notification add column waiting_list boolean default false not null;
