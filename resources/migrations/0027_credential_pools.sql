-- Credential sets chosen by pool, as eNMS's credentials are: a service that names no
-- `credentials` logs in to each device with its runner's set of highest priority among those
-- bound to a pool holding the device.
ALTER TABLE toolkit_credential_sets ADD COLUMN priority INTEGER NOT NULL DEFAULT 1;
CREATE TABLE credential_set_pools (
    credential_set_id BIGINT NOT NULL REFERENCES toolkit_credential_sets (id) ON DELETE CASCADE,
    pool_id BIGINT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    PRIMARY KEY (credential_set_id, pool_id)
);
CREATE INDEX credential_set_pools_pool ON credential_set_pools (pool_id);
