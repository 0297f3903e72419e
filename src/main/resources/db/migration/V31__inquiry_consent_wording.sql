-- Each wording of the inquiry form's consent sentence, by the version stored with every inquiry
-- (inquiry.consent_version), so the clinic can show exactly what a person agreed to.
create table inquiry_consent_wording (
    version        varchar(64)   not null primary key,
    wording        varchar(2000) not null,
    first_shown_at timestamp with time zone not null
);
