#pragma once

#include "Protocol.h"
#include "Result.h"
#include "auth/Sealer.h"

#include <QList>
#include <QPair>
#include <QSqlDatabase>

namespace Cairn {

class Database;

struct ProtocolFilter
{
    std::optional<qint64> siteId;
    std::optional<QList<qint64>> ids;
    std::optional<qint64> deviceId;
    std::optional<qint64> typeId;
    std::optional<qint64> interfaceId;
    std::optional<qint64> circuitId;
    std::optional<QString> description;
    QList<QPair<QString, QString>> attributes;
    int limit = 1000;
    int offset = 0;
};

// Protocol rows; auth strings are sealed on the way in and opened on the way out.
class ProtocolRepository
{
public:
    ProtocolRepository(Database &database, Sealer sealer)
        : m_database(database)
        , m_sealer(std::move(sealer))
    {
    }

    // Without attributes: the service loads them for the whole page at once.
    Result<QList<Protocol>> list(const ProtocolFilter &filter);
    Result<qint64> count(const ProtocolFilter &filter);
    Result<qint64> insert(const QSqlDatabase &db, const Protocol &protocol);
    Result<void> update(const QSqlDatabase &db, const Protocol &protocol);
    Result<void> remove(const QSqlDatabase &db, qint64 id);

private:
    // The written columns, the auth string sealed.
    QVariantList columnValues(const Protocol &protocol) const;

    Database &m_database;
    Sealer m_sealer;
};

} // namespace Cairn
