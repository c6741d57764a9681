-- Device credentials of the command toolkit: per operator, sealed at rest, chosen in an execute
-- call by a token of which only the hash is kept.
CREATE TABLE toolkit_credential_sets (
    id {{pk}},
    owner_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    username TEXT NOT NULL,
    -- secretbox-sealed JSON {password, private_key, key_passphrase, enable_password}
    secrets_sealed TEXT NOT NULL,
    has_password BOOLEAN NOT NULL,
    has_private_key BOOLEAN NOT NULL,
    has_enable_password BOOLEAN NOT NULL,
    -- JSON array of platform names; empty: every platform
    platforms TEXT NOT NULL DEFAULT '[]',
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    UNIQUE (owner_id, name)
);
