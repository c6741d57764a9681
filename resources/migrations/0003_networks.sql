-- IP address management: networks and host addresses in one tree per site and IP version.

-- Addresses are 16-byte big-endian keys (IPv4 in the low four bytes), so containment and
-- ordering are byte comparisons in SQL on both engines. parent_id is always the longest
-- existing supernet; the service keeps it so when networks come and go.
CREATE TABLE networks (
    id {{pk}},
    site_id BIGINT NOT NULL REFERENCES sites (id),
    parent_id BIGINT REFERENCES networks (id),
    ip_version INTEGER NOT NULL,
    network_address {{blob}} NOT NULL,
    broadcast_address {{blob}} NOT NULL,
    prefix_length INTEGER NOT NULL,
    is_ip BOOLEAN NOT NULL,
    state TEXT NOT NULL DEFAULT 'allocated',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (site_id, ip_version, network_address, prefix_length)
);

CREATE INDEX networks_parent ON networks (parent_id);
CREATE INDEX networks_state ON networks (state);
