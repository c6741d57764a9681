-- The SSH sessions open to each device across every node sharing this database: a device has
-- few vty lines, and the per-device cap must hold for the cluster, not per process. A node
-- holds a numbered slot (0 .. cap-1) for each session it keeps open, idle or busy; a slot whose
-- node is no longer up is free again.
CREATE TABLE device_session_slots (
    device TEXT NOT NULL,
    slot INTEGER NOT NULL,
    node_id BIGINT NOT NULL REFERENCES cluster_nodes (id) ON DELETE CASCADE,
    taken_at BIGINT NOT NULL,
    PRIMARY KEY (device, slot)
);
CREATE INDEX device_session_slots_node ON device_session_slots (node_id);
