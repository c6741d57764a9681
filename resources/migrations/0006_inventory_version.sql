-- One number that grows with every inventory change (in the change's own transaction), so
-- cached answers can tell they are current with one primary-key read. A row update rather
-- than MAX(changes.id): on PostgreSQL ids are handed out before commit, in any order.
CREATE TABLE inventory_version (
    id INTEGER PRIMARY KEY,
    version BIGINT NOT NULL
);

INSERT INTO inventory_version (id, version) VALUES (1, 0);
