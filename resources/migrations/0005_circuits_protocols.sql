-- Circuits between interfaces, protocol types and the protocols running on devices.

-- An interface is an endpoint of at most one circuit, on one side (the service also refuses
-- it on the other side). Endpoints cannot be deleted while the circuit exists (RESTRICT).
CREATE TABLE circuits (
    id {{pk}},
    site_id BIGINT NOT NULL REFERENCES sites (id),
    name TEXT NOT NULL UNIQUE,
    name_slug TEXT NOT NULL UNIQUE,
    endpoint_a BIGINT NOT NULL UNIQUE REFERENCES interfaces (id),
    endpoint_z BIGINT UNIQUE REFERENCES interfaces (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX circuits_site ON circuits (site_id);

CREATE TABLE protocol_types (
    id {{pk}},
    site_id BIGINT NOT NULL REFERENCES sites (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    UNIQUE (site_id, name)
);

-- Protocol attributes every protocol of the type must carry.
CREATE TABLE protocol_type_attributes (
    protocol_type_id BIGINT NOT NULL REFERENCES protocol_types (id) ON DELETE CASCADE,
    attribute_id BIGINT NOT NULL REFERENCES attributes (id) ON DELETE CASCADE,
    PRIMARY KEY (protocol_type_id, attribute_id)
);

-- A protocol goes with its device; losing its interface or circuit leaves it on the device.
-- auth_string is sealed (it is a shared secret such as a BGP MD5 key).
CREATE TABLE protocols (
    id {{pk}},
    site_id BIGINT NOT NULL REFERENCES sites (id),
    protocol_type_id BIGINT NOT NULL REFERENCES protocol_types (id),
    device_id BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    interface_id BIGINT REFERENCES interfaces (id) ON DELETE SET NULL,
    circuit_id BIGINT REFERENCES circuits (id) ON DELETE SET NULL,
    description TEXT NOT NULL DEFAULT '',
    auth_string TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX protocols_site ON protocols (site_id);
CREATE INDEX protocols_device ON protocols (device_id);
