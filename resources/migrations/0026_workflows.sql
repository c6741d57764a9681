-- Workflows: services of type workflow whose steps are other services (nested workflows
-- included) joined by success and failure edges. Start and End are every workflow's own ends:
-- an edge from Start has no source, one to End no destination. A step cannot be deleted while
-- a workflow uses it (the service layer refuses); the cascades only follow a deleted workflow.
CREATE TABLE workflow_steps (
    workflow_id BIGINT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    service_id BIGINT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    PRIMARY KEY (workflow_id, service_id)
);
CREATE INDEX workflow_steps_service ON workflow_steps (service_id);
CREATE TABLE workflow_edges (
    id {{pk}},
    workflow_id BIGINT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    -- success | failure
    subtype TEXT NOT NULL,
    source_id BIGINT REFERENCES services (id) ON DELETE CASCADE,
    destination_id BIGINT REFERENCES services (id) ON DELETE CASCADE
);
CREATE INDEX workflow_edges_workflow ON workflow_edges (workflow_id);
-- The workflow a result's step ran in (empty outside workflows), as eNMS's results show it.
ALTER TABLE service_results ADD COLUMN workflow_name TEXT NOT NULL DEFAULT '';
