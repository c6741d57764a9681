-- eNMS pools: a named set of devices and links, either listed by hand (manually_defined) or
-- given by rules on their properties, kept as eNMS names them (device_vendor,
-- device_vendor_match, ...), and evaluated whenever the pool is read, so never stale.
CREATE TABLE pools (
    id {{pk}},
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    manually_defined BOOLEAN NOT NULL DEFAULT FALSE,
    rules TEXT NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- The members of a manually defined pool; they leave it when they are deleted.
CREATE TABLE pool_devices (
    pool_id BIGINT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    device_id BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    PRIMARY KEY (pool_id, device_id)
);
CREATE TABLE pool_links (
    pool_id BIGINT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    link_id BIGINT NOT NULL REFERENCES links (id) ON DELETE CASCADE,
    PRIMARY KEY (pool_id, link_id)
);
