-- eNMS services: each of a type (command_service, backup_service, ...) with the type's own
-- settings and the common ones kept as JSON (checked by ServiceTypes on every save), a secret
-- (a REST call's password) sealed apart, and the devices and pools it targets.
CREATE TABLE services (
    id {{pk}},
    name TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    settings TEXT NOT NULL DEFAULT '{}',
    sealed_secret TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX services_type ON services (type);
-- Targets leave a service when they are deleted.
CREATE TABLE service_devices (
    service_id BIGINT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    device_id BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    PRIMARY KEY (service_id, device_id)
);
CREATE TABLE service_pools (
    service_id BIGINT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    pool_id BIGINT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    PRIMARY KEY (service_id, pool_id)
);
