-- The command toolkit's catalogue of approved commands, their typed variables, and the log of
-- every execution (kept when the command or the device goes: names are copied).
CREATE TABLE toolkit_commands (
    id {{pk}},
    name TEXT NOT NULL UNIQUE,
    command TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    command_type TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- The platforms a command is approved for (platform profile names), and its tags.
CREATE TABLE toolkit_command_platforms (
    command_id BIGINT NOT NULL REFERENCES toolkit_commands (id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    PRIMARY KEY (command_id, platform)
);

CREATE TABLE toolkit_command_tags (
    command_id BIGINT NOT NULL REFERENCES toolkit_commands (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (command_id, tag)
);

CREATE TABLE toolkit_command_variables (
    id {{pk}},
    command_id BIGINT NOT NULL REFERENCES toolkit_commands (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    variable_type TEXT NOT NULL,
    required BOOLEAN NOT NULL,
    help_text TEXT NOT NULL DEFAULT '',
    default_value TEXT NOT NULL DEFAULT '',
    UNIQUE (command_id, name)
);

CREATE TABLE toolkit_command_logs (
    id {{pk}},
    command_id BIGINT REFERENCES toolkit_commands (id) ON DELETE SET NULL,
    command_name TEXT NOT NULL,
    device_id BIGINT REFERENCES devices (id) ON DELETE SET NULL,
    device_name TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    username TEXT NOT NULL,
    device_username TEXT NOT NULL DEFAULT '',
    -- the command as sent, variables filled in
    command_text TEXT NOT NULL,
    output TEXT NOT NULL DEFAULT '',
    parsed_output TEXT,
    success BOOLEAN NOT NULL,
    error_message TEXT NOT NULL DEFAULT '',
    execution_time BIGINT NOT NULL,
    execution_duration DOUBLE PRECISION NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE INDEX toolkit_command_logs_time ON toolkit_command_logs (execution_time);
-- The rate limit counts a device's recent successful executions.
CREATE INDEX toolkit_command_logs_device ON toolkit_command_logs (device_id, success, execution_time);
