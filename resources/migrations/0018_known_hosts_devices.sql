-- Which addresses each device was logged in to, with a key the server holds: a device moved to
-- another address must have that address's key trusted on purpose (added, or the old address
-- forgotten) before its credentials are sent there.
CREATE TABLE known_host_devices (
    device_id BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    host TEXT NOT NULL,
    port INTEGER NOT NULL,
    PRIMARY KEY (device_id, host, port)
);
