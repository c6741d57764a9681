-- How each device's configuration, operational_data and specialized_data were last backed up
-- (eNMS's last_<property>_status, _update, _failure, _runtime and _duration): one row per device
-- and text, written by backup services.
CREATE TABLE device_text_status (
    device_id BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    property TEXT NOT NULL,
    -- Success | Failure
    status TEXT NOT NULL,
    -- runtime of the last run that succeeded / failed
    last_update TEXT NOT NULL DEFAULT '',
    last_failure TEXT NOT NULL DEFAULT '',
    last_runtime TEXT NOT NULL,
    last_duration TEXT NOT NULL,
    PRIMARY KEY (device_id, property)
);
