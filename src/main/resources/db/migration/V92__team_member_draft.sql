-- The revision (team_member_revision.number) of a published clinician that waits for an administrator to publish
-- it, or null when what readers see is the newest text.
alter table team_member add column draft_revision integer;
