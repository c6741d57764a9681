-- Where each user put the topology's nodes: a device, or a hypervisor that is no device. Machines
-- are drawn under their hypervisor and have no place of their own. A node deleted takes its
-- places along; the partial unique indexes are what a save's upsert names.
CREATE TABLE topology_positions (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id BIGINT REFERENCES devices (id) ON DELETE CASCADE,
    hypervisor_id BIGINT REFERENCES virt_hypervisors (id) ON DELETE CASCADE,
    x DOUBLE PRECISION NOT NULL,
    y DOUBLE PRECISION NOT NULL,
    CHECK ((device_id IS NULL) <> (hypervisor_id IS NULL))
);
CREATE UNIQUE INDEX topology_positions_user_device ON topology_positions (user_id, device_id)
    WHERE device_id IS NOT NULL;
CREATE UNIQUE INDEX topology_positions_user_hypervisor
    ON topology_positions (user_id, hypervisor_id) WHERE hypervisor_id IS NOT NULL;
CREATE INDEX topology_positions_device ON topology_positions (device_id);
CREATE INDEX topology_positions_hypervisor ON topology_positions (hypervisor_id);
