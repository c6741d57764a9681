-- The server processes sharing this database, one row per process started (a node that
-- restarts is a new row under the same name). A node beats while it lives; one whose heartbeat
-- is too old is found by the others, marked dead, and its unfinished jobs interrupted. Jobs
-- name the node running them, so that only its own are touched when a node starts or dies.
CREATE TABLE cluster_nodes (
    id {{pk}},
    name TEXT NOT NULL,
    cluster_id INTEGER NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    version TEXT NOT NULL,
    host TEXT NOT NULL,
    pid BIGINT NOT NULL,
    state TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL,
    stopped_at BIGINT
);
CREATE INDEX cluster_nodes_state ON cluster_nodes (state, heartbeat_at);
CREATE INDEX cluster_nodes_name ON cluster_nodes (name);

ALTER TABLE jobs ADD COLUMN node_id BIGINT REFERENCES cluster_nodes (id) ON DELETE SET NULL;
CREATE INDEX jobs_node_state ON jobs (node_id, state);
