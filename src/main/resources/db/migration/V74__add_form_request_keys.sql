-- The one-time key of the "add" form that made each row (null for seeds and earlier rows): a double click, or the
-- same form sent twice, adds a clinician or a reply template once. Unique, so two posts at the same instant cannot
-- both add one; the second then finds the first's row by its key and ends like it.
alter table team_member add column request_key varchar(36);
create unique index team_member_request_key_unique on team_member (request_key);

alter table reply_template add column request_key varchar(36);
create unique index reply_template_request_key_unique on reply_template (request_key);

-- The one-time key of the "New codes" form that made each set of recovery codes: a double click makes one set,
-- the one the first click shows, instead of a second set that silently replaces the codes on the screen.
alter table staff_recovery_code add column request_key varchar(36);
