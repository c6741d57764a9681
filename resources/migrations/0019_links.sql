-- eNMS links: the topology's edges, each between two inventory devices, named uniquely as
-- eNMS names them. A device's delete takes its links along.
CREATE TABLE links (
    id {{pk}},
    name TEXT NOT NULL UNIQUE,
    source_id BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    destination_id BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    color TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX links_source ON links (source_id);
CREATE INDEX links_destination ON links (destination_id);
