#pragma once

#include "server/HttpResponse.h"

#include <QHash>
#include <functional>
#include <optional>
#include <shared_mutex>

namespace Cairn {

struct HttpRequest;

// Answers of read routes whose content changes only with a data version (the inventory's),
// kept per request line and the headers that shape them, and served while that version holds.
// Memory is bounded: past the budget, entries of older versions go first, then all.
class ResponseCache
{
public:
    // The current version, read from the database on every lookup so that several servers on
    // one database never serve what another has changed; empty when it cannot be read.
    using VersionSource = std::function<std::optional<qint64>()>;

    explicit ResponseCache(VersionSource version, qsizetype budgetBytes = 64 * 1024 * 1024);

    std::optional<qint64> version() const { return m_version(); }
    std::optional<HttpResponse> find(const QByteArray &key, qint64 version) const;
    void store(const QByteArray &key, qint64 version, const HttpResponse &response);
    // Host (absolute links), Accept (JSON or HTML), path and query.
    static QByteArray keyOf(const HttpRequest &request);

private:
    struct Entry
    {
        qint64 version = 0;
        HttpResponse response;
    };

    VersionSource m_version;
    qsizetype m_budget;
    // std::shared_mutex, not QReadWriteLock: ThreadSanitizer sees its ordering (pthread).
    mutable std::shared_mutex m_lock;
    QHash<QByteArray, Entry> m_entries;
    qsizetype m_bytes = 0;
};

} // namespace Cairn
