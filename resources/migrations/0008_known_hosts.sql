-- SSH host keys of devices, remembered the first time Cairn logs in (trust on first use) or
-- entered beforehand (strict). In the database so that every server node trusts the same keys.
CREATE TABLE known_hosts (
    id {{pk}},
    host TEXT NOT NULL,
    port INTEGER NOT NULL,
    key_type TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    first_seen BIGINT NOT NULL,
    UNIQUE (host, port)
);
