-- Nodes that bootstrapped from the ZTP listener and how far their provisioning got. The
-- node's files (definition, pattern, startup-config) stay in the ZTPServer data_root, where
-- ZTPServer users expect them; this table is what the API and the GUI list.
CREATE TABLE ztp_nodes (
    id {{pk}},
    node_id TEXT NOT NULL UNIQUE,
    serial_number TEXT NOT NULL DEFAULT '',
    system_mac TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    version TEXT NOT NULL DEFAULT '',
    -- The inventory device the node became; a device deleted later leaves the node.
    device_id BIGINT REFERENCES devices (id) ON DELETE SET NULL,
    pattern TEXT NOT NULL DEFAULT '',
    definition TEXT NOT NULL DEFAULT '',
    -- registered, definition_sent, configured (startup-config received) or refused.
    status TEXT NOT NULL,
    actions_total INTEGER NOT NULL DEFAULT 0,
    actions_fetched INTEGER NOT NULL DEFAULT 0,
    last_address TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT '',
    registered_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
