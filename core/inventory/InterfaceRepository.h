#pragma once

#include "Interface.h"
#include "Result.h"

#include <QHash>
#include <QPair>
#include <QSqlDatabase>

namespace Cairn {

class Database;

struct InterfaceFilter
{
    std::optional<qint64> siteId;
    std::optional<QList<qint64>> ids;
    std::optional<qint64> deviceId;
    QString deviceHostname;
    QString name;
    std::optional<int> speed;
    std::optional<int> type;
    std::optional<qint64> macAddress;
    std::optional<QString> description;
    // the children of this parent; a set-but-empty inner value means the top-level interfaces
    std::optional<std::optional<qint64>> parentId;
    std::optional<qint64> excludeId;
    // the chain of parents above / every interface below this one
    std::optional<qint64> ancestorsOf;
    std::optional<qint64> descendantsOf;
    // the interfaces holding this address (a network id)
    std::optional<qint64> addressId;
    QList<QPair<QString, QString>> attributes;
    int limit = 1000;
    int offset = 0;
};

class InterfaceRepository
{
public:
    explicit InterfaceRepository(Database &database)
        : m_database(database)
    {
    }

    // Without attributes and addresses: the service loads those for the whole page at once.
    Result<QList<Interface>> list(const InterfaceFilter &filter);
    Result<qint64> count(const InterfaceFilter &filter);
    // Assigned addresses and their networks of many interfaces, in one query.
    Result<QHash<qint64, QPair<QStringList, QStringList>>> addresses(const QList<qint64> &ids);
    // Address rows for NSoT's assignments lists: of some interfaces, or of one network.
    Result<QList<Assignment>> assignments(const QList<qint64> &interfaceIds,
                                          std::optional<qint64> networkId);
    // The network ids of an interface's addresses, in the caller's transaction.
    Result<QList<qint64>> addressIds(const QSqlDatabase &db, qint64 interfaceId);

    Result<qint64> insert(const QSqlDatabase &db, const Interface &interface);
    Result<void> update(const QSqlDatabase &db, const Interface &interface);
    Result<void> remove(const QSqlDatabase &db, qint64 id);
    Result<void> assign(const QSqlDatabase &db, const Interface &interface, qint64 networkId);
    Result<void> unassign(const QSqlDatabase &db, qint64 interfaceId, qint64 networkId);

private:
    Database &m_database;
};

} // namespace Cairn
