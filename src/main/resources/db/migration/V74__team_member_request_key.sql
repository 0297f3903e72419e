-- The one-time key of the "Add clinician" form that added each clinician (null for the seed and earlier ones): a
-- double click, or the same form sent twice, adds the clinician once. Unique, so two posts at the same instant
-- cannot both add one; the second then finds the first's row by its key and ends like it.
alter table team_member add column request_key varchar(36);
create unique index team_member_request_key_unique on team_member (request_key);
