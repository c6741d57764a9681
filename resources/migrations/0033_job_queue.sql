-- Jobs any server node may run, waiting for one to claim them: a node with a free worker takes
-- the oldest (FOR UPDATE SKIP LOCKED on PostgreSQL, so nodes claiming at once never take the
-- same row nor wait for each other), removes them here and names itself in jobs.node_id, in one
-- transaction. `work` is what the claiming node needs to run the job (ids, never secrets); it
-- is never shown, unlike jobs.params.
CREATE TABLE job_queue (
    job_id BIGINT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    work TEXT NOT NULL
);
