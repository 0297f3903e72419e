-- State every instance must share, so limits and jobs hold across instances and restarts.

-- ShedLock (JdbcTemplateLockProvider): one row per scheduled job; an instance runs the job only while it holds the
-- row's lock (lock_until in the future). The table as ShedLock documents it.
create table shedlock (
    name       varchar(64)  not null,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null,
    constraint shedlock_pk primary key (name)
);

-- The inquiry form's rate limit (PostRateLimiter): one Bucket4j token bucket per client address (or IPv6 /64),
-- its state serialised by Bucket4j; expires_at (epoch milliseconds) is when a full refill makes the row worthless.
create table inquiry_post_bucket (
    id         varchar(100) not null,
    state      bytea,
    expires_at bigint,
    constraint inquiry_post_bucket_pk primary key (id)
);
create index inquiry_post_bucket_expires on inquiry_post_bucket (expires_at);

-- Failed staff sign-ins (SignInThrottle): one row per typed email (kind 'account') and per client address
-- (kind 'address'), counted up with one conditional update each. last_failure is epoch milliseconds (UTC).
create table staff_sign_in_failure (
    kind         varchar(10)  not null,
    sign_in_key  varchar(320) not null,
    failures     int          not null,
    last_failure bigint       not null,
    constraint staff_sign_in_failure_pk primary key (kind, sign_in_key)
);
create index staff_sign_in_failure_last on staff_sign_in_failure (last_failure);
