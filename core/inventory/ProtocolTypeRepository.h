#pragma once

#include "ProtocolType.h"
#include "Result.h"

#include <QSqlDatabase>
#include <optional>

namespace Cairn {

class Database;

struct ProtocolTypeFilter
{
    std::optional<qint64> siteId;
    std::optional<QList<qint64>> ids;
    QString name;
    std::optional<QString> description;
    int limit = 1000;
    int offset = 0;
};

class ProtocolTypeRepository
{
public:
    explicit ProtocolTypeRepository(Database &database)
        : m_database(database)
    {
    }

    // With the names of the required attributes.
    Result<QList<ProtocolType>> list(const ProtocolTypeFilter &filter);
    Result<qint64> count(const ProtocolTypeFilter &filter);
    Result<qint64> insert(const QSqlDatabase &db, const ProtocolType &type);
    Result<void> update(const QSqlDatabase &db, const ProtocolType &type);
    Result<void> remove(const QSqlDatabase &db, qint64 id);

private:
    Result<void> saveRequired(const QSqlDatabase &db, const ProtocolType &type);

    Database &m_database;
};

} // namespace Cairn
