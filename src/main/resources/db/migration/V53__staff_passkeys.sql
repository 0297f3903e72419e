-- Staff passkeys (W3C WebAuthn Level 3), kept by Spring Security's JdbcPublicKeyCredentialUserEntityRepository and
-- JdbcUserCredentialRepository: their own schema (user-entities-schema.sql, user-credentials-schema-postgres.sql),
-- column for column, so that Flyway owns these tables on H2 and PostgreSQL alike. user_entities.name is the staff
-- account's email, widened to 320 characters like staff_account.email (Spring's schema has 100). Binary columns
-- are bytea (H2 reads it as varbinary). Times are UTC timestamps written by Spring Security.
create table user_entities (
    id           varchar(1000) not null,
    name         varchar(320)  not null,
    display_name varchar(200),
    primary key (id)
);

create unique index user_entities_name on user_entities (name);

create table user_credentials (
    credential_id                varchar(1000) not null,
    user_entity_user_id          varchar(1000) not null,
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) not null,
    primary key (credential_id)
);

create index user_credentials_user on user_credentials (user_entity_user_id);
