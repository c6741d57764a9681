-- Inventory: attribute definitions, devices, attribute values as indexed rows, the change log.

-- What attributes a resource type may carry in a site, and their constraints.
CREATE TABLE attributes (
    id {{pk}},
    site_id BIGINT NOT NULL REFERENCES sites (id),
    resource_name TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    required BOOLEAN NOT NULL DEFAULT FALSE,
    display BOOLEAN NOT NULL DEFAULT FALSE,
    multi BOOLEAN NOT NULL DEFAULT FALSE,
    allow_empty BOOLEAN NOT NULL DEFAULT FALSE,
    pattern TEXT NOT NULL DEFAULT '',
    valid_values TEXT NOT NULL DEFAULT '[]',
    UNIQUE (site_id, resource_name, name)
);

-- The one device of the whole product: every face reads and writes these rows.
CREATE TABLE devices (
    id {{pk}},
    site_id BIGINT NOT NULL REFERENCES sites (id),
    hostname TEXT NOT NULL,
    ip_address TEXT NOT NULL DEFAULT '',
    port INTEGER NOT NULL DEFAULT 22,
    platform TEXT NOT NULL DEFAULT '',
    vendor TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    os_version TEXT NOT NULL DEFAULT '',
    serial_number TEXT NOT NULL DEFAULT '',
    mac_address TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    description TEXT NOT NULL DEFAULT '',
    icon TEXT NOT NULL DEFAULT '',
    configuration TEXT NOT NULL DEFAULT '',
    operational_data TEXT NOT NULL DEFAULT '',
    specialized_data TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (site_id, hostname)
);

CREATE INDEX devices_hostname ON devices (hostname);
CREATE INDEX devices_ip_address ON devices (ip_address);

-- One row per value (several for a multi attribute), so set queries are SQL joins.
-- A definition with values cannot be deleted (RESTRICT -> 409).
CREATE TABLE attribute_values (
    id {{pk}},
    attribute_id BIGINT NOT NULL REFERENCES attributes (id),
    resource_name TEXT NOT NULL,
    resource_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX attribute_values_lookup ON attribute_values (resource_name, name, value, resource_id);
CREATE INDEX attribute_values_resource ON attribute_values (resource_name, resource_id);
CREATE INDEX attribute_values_attribute ON attribute_values (attribute_id);

-- Every mutation, with a snapshot of the object after it (before it, for a delete).
CREATE TABLE changes (
    id {{pk}},
    site_id BIGINT,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    change_at BIGINT NOT NULL,
    event TEXT NOT NULL,
    resource_name TEXT NOT NULL,
    resource_id BIGINT NOT NULL,
    resource TEXT NOT NULL
);

CREATE INDEX changes_resource ON changes (resource_name, resource_id, id);
CREATE INDEX changes_site ON changes (site_id, id);
