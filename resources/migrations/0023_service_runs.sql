-- Runs of eNMS services (one per run_service call or task firing, named by its runtime) and a
-- result per (run, service, device). Names are copied so a run still reads the same after its
-- service or devices are renamed or deleted.
CREATE TABLE service_runs (
    id {{pk}},
    -- "YYYY-MM-DD HH:MM:SS.ffffff", as eNMS names runs
    runtime TEXT NOT NULL UNIQUE,
    service_id BIGINT REFERENCES services (id) ON DELETE SET NULL,
    service_name TEXT NOT NULL,
    -- Running | Completed | Aborted | Interrupted
    status TEXT NOT NULL,
    success BOOLEAN,
    -- REST | GUI | Scheduler
    run_trigger TEXT NOT NULL,
    creator_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    creator TEXT NOT NULL,
    job_id BIGINT REFERENCES jobs (id) ON DELETE SET NULL,
    -- JSON array of device names
    targets TEXT NOT NULL DEFAULT '[]',
    payload TEXT NOT NULL DEFAULT '{}',
    -- JSON {total, done, passed, failed}
    progress TEXT NOT NULL DEFAULT '{}',
    -- JSON: the answer of a synchronous run_service, once the run has ended
    result TEXT NOT NULL DEFAULT '{}',
    started_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE INDEX service_runs_service ON service_runs (service_name, started_at);
CREATE INDEX service_runs_status ON service_runs (status);

CREATE TABLE service_results (
    id {{pk}},
    run_id BIGINT NOT NULL REFERENCES service_runs (id) ON DELETE CASCADE,
    service_id BIGINT REFERENCES services (id) ON DELETE SET NULL,
    service_name TEXT NOT NULL,
    device_id BIGINT REFERENCES devices (id) ON DELETE SET NULL,
    -- empty for a service run once for all its devices
    device_name TEXT NOT NULL DEFAULT '',
    success BOOLEAN NOT NULL,
    -- JSON: what the service gave (output, error, match...)
    result TEXT NOT NULL,
    duration_ms BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX service_results_run ON service_results (run_id, id);
CREATE INDEX service_results_device ON service_results (device_id);
