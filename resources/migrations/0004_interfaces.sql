-- Interfaces of devices, and the host addresses assigned to them.

-- site_id follows the device (kept for site filters and set queries). A device's deletion
-- takes its interfaces along; an interface with children cannot go (RESTRICT -> 409).
CREATE TABLE interfaces (
    id {{pk}},
    site_id BIGINT NOT NULL REFERENCES sites (id),
    device_id BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES interfaces (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    type INTEGER NOT NULL DEFAULT 6,
    mac_address BIGINT,
    speed INTEGER,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (device_id, name)
);

CREATE INDEX interfaces_parent ON interfaces (parent_id);
CREATE INDEX interfaces_site ON interfaces (site_id, name);

-- An address (a host network) on an interface. device_id repeats the interface's device so
-- that one address cannot sit twice on one device; other devices may share it.
CREATE TABLE interface_addresses (
    id {{pk}},
    interface_id BIGINT NOT NULL REFERENCES interfaces (id) ON DELETE CASCADE,
    network_id BIGINT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    device_id BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    UNIQUE (device_id, network_id)
);

CREATE INDEX interface_addresses_interface ON interface_addresses (interface_id);
CREATE INDEX interface_addresses_network ON interface_addresses (network_id);
