-- Foundation: sites, users and what they may do, API tokens, jobs, settings.
-- Timestamps are milliseconds since the epoch (UTC); booleans are portable BOOLEAN columns.

CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE sites (
    id {{pk}},
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT ''
);

-- The default site (id 1 on a new database): devices created by faces without sites land here.
INSERT INTO sites (name, description) VALUES ('Default', 'Created on first start.');

CREATE TABLE users (
    id {{pk}},
    username TEXT NOT NULL UNIQUE,
    email TEXT UNIQUE,
    password_hash TEXT NOT NULL DEFAULT '',
    secret_key_sealed TEXT NOT NULL,
    is_superuser BOOLEAN NOT NULL DEFAULT FALSE,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    credentials_changed_at BIGINT NOT NULL
);

CREATE TABLE user_groups (
    id {{pk}},
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE group_members (
    group_id BIGINT NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);

CREATE INDEX group_members_user ON group_members (user_id);

-- One row grants one action on one object (object_id) or on every object of a type (NULL).
CREATE TABLE object_permissions (
    id {{pk}},
    user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    group_id BIGINT REFERENCES user_groups (id) ON DELETE CASCADE,
    object_type TEXT NOT NULL,
    object_id BIGINT,
    action TEXT NOT NULL,
    CHECK ((user_id IS NULL) <> (group_id IS NULL))
);

CREATE INDEX object_permissions_lookup ON object_permissions (object_type, action);

-- Only a keyed hash of each token is kept; the prefix lets a user tell their tokens apart.
CREATE TABLE api_tokens (
    id {{pk}},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key_hash TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    read_only BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    last_used_at BIGINT
);

CREATE TABLE jobs (
    id {{pk}},
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    progress INTEGER NOT NULL DEFAULT 0,
    params TEXT NOT NULL DEFAULT '{}',
    result TEXT NOT NULL DEFAULT '{}',
    error TEXT NOT NULL DEFAULT '',
    owner_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT
);

CREATE INDEX jobs_state ON jobs (state);
