-- Issue 11. A reply staff write to the person goes through the same outbox as every other email, so it is saved
-- before it is sent, retried, never sent twice and visible on the timeline. Unlike the clinic's automatic emails it
-- carries text, exactly as the staff member previewed it (placeholders filled), and who sent it. The request key,
-- made when the reply page was opened, keeps a double click or a repeated post from queueing the same reply twice;
-- the automatic emails keep the empty key, so their one-row-per-inquiry, kind and address rule is unchanged.
alter table notification add column subject varchar(200);
alter table notification add column body varchar(10000);
alter table notification add column sent_by varchar(100);
alter table notification add column request_key varchar(36) default '' not null;
alter table notification drop constraint notification_inquiry_kind_recipient_unique;
alter table notification add constraint notification_inquiry_kind_recipient_request_unique
    unique (inquiry_id, kind, recipient_email, request_key);
