-- eNMS scheduled tasks: a service run on a schedule (standard or cron) as the task's creator.
-- The schedule's fields are kept as the user gave them (JSON) and checked by TaskSchedule.
-- next_run_time (ms since the epoch, UTC) is when the scheduler fires it next, NULL when it
-- will not (inactive, or its schedule is over).
CREATE TABLE tasks (
    id {{pk}},
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    service_id BIGINT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    creator_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    is_active BOOLEAN NOT NULL DEFAULT FALSE,
    -- Whether it was saved with devices or pools of its own: once they are all deleted it has
    -- nothing to run on (it never falls back to the service's targets).
    targets_given BOOLEAN NOT NULL DEFAULT FALSE,
    schedule TEXT NOT NULL DEFAULT '{}',
    initial_payload TEXT NOT NULL DEFAULT '{}',
    next_run_time BIGINT,
    last_run_time BIGINT,
    last_runtime TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX tasks_next_run ON tasks (next_run_time);
CREATE TABLE task_devices (
    task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    device_id BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, device_id)
);
CREATE TABLE task_pools (
    task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    pool_id BIGINT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, pool_id)
);
