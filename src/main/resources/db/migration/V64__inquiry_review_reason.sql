-- Why staff should check an inquiry is genuine: set when it arrived while the form's flood limit could not count
-- posts (a database error). Such an inquiry is stored rather than lost, and marked in the inbox.
alter table inquiry add column review_reason varchar(40);
