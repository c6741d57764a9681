#pragma once

#include "Circuit.h"
#include "Result.h"

#include <QList>
#include <QPair>
#include <QSqlDatabase>

namespace Cairn {

class Database;

struct CircuitFilter
{
    std::optional<qint64> siteId;
    std::optional<QList<qint64>> ids;
    QString name;
    QString nameSlug;
    std::optional<qint64> endpointA;
    std::optional<qint64> endpointZ;
    // circuits with an endpoint on this interface / on an interface of this device
    std::optional<qint64> interfaceId;
    std::optional<qint64> deviceId;
    QList<QPair<QString, QString>> attributes;
    int limit = 1000;
    int offset = 0;
};

class CircuitRepository
{
public:
    explicit CircuitRepository(Database &database)
        : m_database(database)
    {
    }

    // Without attributes: the service loads them for the whole page at once.
    Result<QList<Circuit>> list(const CircuitFilter &filter);
    Result<qint64> count(const CircuitFilter &filter);
    Result<qint64> insert(const QSqlDatabase &db, const Circuit &circuit);
    Result<void> update(const QSqlDatabase &db, const Circuit &circuit);
    Result<void> remove(const QSqlDatabase &db, qint64 id);

private:
    Database &m_database;
};

} // namespace Cairn
