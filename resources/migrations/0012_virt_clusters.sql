-- Clusters: named groups of hypervisors and machines (Enomalism 2.7, 2.21-2.23). Memberships go
-- with the machine or hypervisor they name.
CREATE TABLE virt_clusters (
    id {{pk}},
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE virt_cluster_machines (
    cluster_id BIGINT NOT NULL REFERENCES virt_clusters (id) ON DELETE CASCADE,
    machine_id BIGINT NOT NULL REFERENCES virt_machines (id) ON DELETE CASCADE,
    PRIMARY KEY (cluster_id, machine_id)
);

CREATE TABLE virt_cluster_hypervisors (
    cluster_id BIGINT NOT NULL REFERENCES virt_clusters (id) ON DELETE CASCADE,
    hypervisor_id BIGINT NOT NULL REFERENCES virt_hypervisors (id) ON DELETE CASCADE,
    PRIMARY KEY (cluster_id, hypervisor_id)
);
