-- A follow-up reminder may carry a short note ("call back about insurance"), shown on the inquiry page and in the
-- reminder email to its assignee; cleared with the reminder when it is sent or removed, and erased with the inquiry's
-- personal data. At most 200 characters (InboxController.MAX_REMIND_NOTE).
alter table inquiry add column remind_note varchar(200);
