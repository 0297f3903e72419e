-- Issue 9. Front-desk alerts become one row per recipient, addressed when the inquiry is stored, so one refused or
-- failing address never repeats or fails anyone else's email; an event delivered twice still queues nothing twice
-- (one row per inquiry, kind and address). The acknowledgement no longer greets the person by name: nothing a
-- visitor typed may be emailed to an address a visitor typed, so the name is not kept here at all.
alter table notification drop constraint notification_inquiry_kind_unique;
alter table notification add constraint notification_inquiry_kind_recipient_unique
    unique (inquiry_id, kind, recipient_email);
alter table notification drop column recipient_name;
