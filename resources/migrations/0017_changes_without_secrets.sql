-- Protocols' auth_string is a shared secret: sealed in its table, and no longer copied into the
-- change log. Snapshots written before lose it too.
UPDATE changes SET resource = {{json_remove:resource:auth_string}}
    WHERE resource_name = 'Protocol' AND resource LIKE '%"auth_string"%';
