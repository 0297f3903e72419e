-- Clinicians become editable in the back office (/staff/team): credentials, a photo with its alt text, whether the
-- bio is public, and who changed it last. The seed clinician stays as V3 wrote her, word for word, and published.
alter table team_member add column credentials varchar(200);
alter table team_member add column photo_image_id bigint references image (id);
alter table team_member add column photo_alt varchar(300);
alter table team_member add column published boolean not null default true;
alter table team_member add column updated_by varchar(254);
