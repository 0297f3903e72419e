-- Each staff member chooses whether they are emailed about new inquiries. On by default, for existing accounts too:
-- the front desk hears of new inquiries without anyone editing a configuration file first (issue 9).
alter table staff_account add column new_inquiry_emails boolean not null default true;
