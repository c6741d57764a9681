-- Transactions (Enomalism section 5): every action on a machine is a job, named here by the
-- uuid the API gives out. The machine is named, not referenced: a transaction outlives the
-- machine it deleted and precedes the one it provisions.
CREATE TABLE virt_transactions (
    id {{pk}},
    uuid TEXT NOT NULL UNIQUE,
    job_id BIGINT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    machine_uuid TEXT NOT NULL,
    action TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX virt_transactions_machine ON virt_transactions (machine_uuid);
