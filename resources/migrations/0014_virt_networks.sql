-- Static networks (Enomalism section 7): IPv4 networks that machines get their addresses from,
-- handed out from IP ranges. Addresses are kept as numbers too, so that overlap checks and the
-- search for a free address are comparisons. A lease is unique per address: two machines can
-- never be given the same one, however many are provisioned at once.
CREATE TABLE virt_networks (
    id {{pk}},
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    bridge TEXT NOT NULL DEFAULT '',
    cluster_id BIGINT REFERENCES virt_clusters (id) ON DELETE SET NULL,
    ip TEXT NOT NULL,
    netmask TEXT NOT NULL,
    gateway TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE TABLE virt_ip_ranges (
    id {{pk}},
    uuid TEXT NOT NULL UNIQUE,
    network_id BIGINT NOT NULL REFERENCES virt_networks (id) ON DELETE CASCADE,
    start_ip TEXT NOT NULL,
    end_ip TEXT NOT NULL,
    first_address BIGINT NOT NULL,
    last_address BIGINT NOT NULL
);
CREATE INDEX virt_ip_ranges_network ON virt_ip_ranges (network_id);

CREATE TABLE virt_ip_leases (
    address BIGINT NOT NULL PRIMARY KEY,
    range_id BIGINT NOT NULL REFERENCES virt_ip_ranges (id) ON DELETE CASCADE,
    machine_uuid TEXT NOT NULL,
    mac TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX virt_ip_leases_machine ON virt_ip_leases (machine_uuid);
CREATE INDEX virt_ip_leases_range ON virt_ip_leases (range_id);
