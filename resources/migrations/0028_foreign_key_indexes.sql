-- An index for each column that references a row which can be deleted, where none led with it:
-- deleting a device (an import with `replace` deletes them all) otherwise scans every pool's,
-- service's and task's device list once per device, and deleting an interface, link, pool or
-- service scans the tables that point at it. Neither SQLite nor PostgreSQL indexes a foreign key
-- by itself.
CREATE INDEX pool_devices_device ON pool_devices (device_id);
CREATE INDEX pool_links_link ON pool_links (link_id);
CREATE INDEX service_devices_device ON service_devices (device_id);
CREATE INDEX service_pools_pool ON service_pools (pool_id);
CREATE INDEX task_devices_device ON task_devices (device_id);
CREATE INDEX task_pools_pool ON task_pools (pool_id);
CREATE INDEX ztp_nodes_device ON ztp_nodes (device_id);
CREATE INDEX protocols_interface ON protocols (interface_id);
CREATE INDEX protocols_circuit ON protocols (circuit_id);
CREATE INDEX tasks_service ON tasks (service_id);
CREATE INDEX workflow_edges_source ON workflow_edges (source_id);
CREATE INDEX workflow_edges_destination ON workflow_edges (destination_id);
CREATE INDEX toolkit_command_logs_command ON toolkit_command_logs (command_id);
