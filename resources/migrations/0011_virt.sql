-- The VM control plane: hypervisors (libvirt connections) and the machines (domains) last
-- synchronised from them. A machine keeps its row, marked unknown, while its hypervisor cannot
-- be reached; only a synchronisation that sees the hypervisor without it removes it.
CREATE TABLE virt_hypervisors (
    id {{pk}},
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    uri TEXT NOT NULL UNIQUE,
    virt_class TEXT NOT NULL,
    state TEXT NOT NULL,
    cpus INTEGER NOT NULL DEFAULT 0,
    memory_kib BIGINT NOT NULL DEFAULT 0,
    free_memory_kib BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    synced_at BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE virt_machines (
    id {{pk}},
    uuid TEXT NOT NULL UNIQUE,
    hypervisor_id BIGINT NOT NULL REFERENCES virt_hypervisors (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    vcpus INTEGER NOT NULL,
    memory_kib BIGINT NOT NULL,
    interfaces TEXT NOT NULL,
    disks TEXT NOT NULL,
    persistent BOOLEAN NOT NULL,
    managed BOOLEAN NOT NULL DEFAULT FALSE,
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    synced_at BIGINT NOT NULL
);
CREATE INDEX virt_machines_hypervisor ON virt_machines (hypervisor_id);

-- The embedded default, so that everything works out of the box: libvirt's built-in test
-- driver (no daemon, state in memory). Registered once, with the schema; deleting it is final.
INSERT INTO virt_hypervisors (uuid, name, uri, virt_class, state, created_at)
VALUES ({{uuid}}, 'default', 'test:///default', 'test', 'unknown', 0);
