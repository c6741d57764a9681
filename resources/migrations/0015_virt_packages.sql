-- Packages (machine images) and VM feeds (Enomalism section 6). A package is `present` when its
-- archive is in the local repository, `remote` when only a subscribed feed lists it; a download
-- makes it present. The archive's files live in the data folder, named by the package's uuid.
CREATE TABLE virt_feeds (
    id {{pk}},
    uuid TEXT NOT NULL UNIQUE,
    -- Without user and password: those are sealed apart, in credentials.
    url TEXT NOT NULL UNIQUE,
    credentials TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT '',
    refreshed_at BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE virt_packages (
    id {{pk}},
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    version TEXT NOT NULL DEFAULT '1',
    virt_class TEXT NOT NULL DEFAULT '',
    manifest TEXT NOT NULL DEFAULT '{}',
    state TEXT NOT NULL,
    size BIGINT NOT NULL DEFAULT 0,
    sha1 TEXT NOT NULL DEFAULT '',
    -- A downloaded package stays when its feed is unsubscribed.
    feed_id BIGINT REFERENCES virt_feeds (id) ON DELETE SET NULL,
    enclosure_url TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX virt_packages_feed ON virt_packages (feed_id);
