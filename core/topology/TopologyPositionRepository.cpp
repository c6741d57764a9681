#include "TopologyPositionRepository.h"

#include "TopologyNode.h"
#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace Cairn {

Result<QHash<QString, QPointF>> TopologyPositionRepository::forUser(qint64 userId)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral(
            "SELECT device_id, hypervisor_id, x, y FROM topology_positions WHERE user_id = ?"),
        {userId});
    if (!query)
        return query.error();
    QHash<QString, QPointF> places;
    while (query->next()) {
        const QString key =
            query->value(0).isNull()
                ? TopologyNode::keyOf(TopologyNode::Kind::Hypervisor, query->value(1).toLongLong())
                : TopologyNode::keyOf(TopologyNode::Kind::Device, query->value(0).toLongLong());
        places.insert(key, QPointF(query->value(2).toDouble(), query->value(3).toDouble()));
    }
    return places;
}

Result<void> TopologyPositionRepository::save(qint64 userId, const QHash<QString, QPointF> &places)
{
    QHash<qint64, QPointF> devices;
    QHash<qint64, QPointF> hypervisors;
    for (auto place = places.cbegin(); place != places.cend(); ++place) {
        const auto node = TopologyNode::parseKey(place.key());
        if (node && node->first == TopologyNode::Kind::Device)
            devices.insert(node->second, place.value());
        else if (node && node->first == TopologyNode::Kind::Hypervisor)
            hypervisors.insert(node->second, place.value());
    }
    Transaction transaction(m_database);
    if (Result<void> begun = transaction.begun(); !begun)
        return begun;
    if (Result<void> saved =
            upsert(QStringLiteral("device_id"), QStringLiteral("devices"), userId, devices);
        !saved)
        return saved;
    if (Result<void> saved = upsert(QStringLiteral("hypervisor_id"),
                                    QStringLiteral("virt_hypervisors"), userId, hypervisors);
        !saved)
        return saved;
    return transaction.commit();
}

Result<void> TopologyPositionRepository::upsert(const QString &column, const QString &table,
                                                qint64 userId, const QHash<qint64, QPointF> &places)
{
    if (places.isEmpty())
        return {};
    const QSqlDatabase db = m_database.connection();
    QJsonArray rows;
    for (auto place = places.cbegin(); place != places.cend(); ++place)
        rows.append(QJsonArray{place.key(), place.value().x(), place.value().y()});
    const QString real = QStringLiteral("double precision");
    const auto [columns, source] = SqlQuery::jsonRows(db, {QStringLiteral("bigint"), real, real});
    // The node's id: the first column alone.
    const QString id = SqlQuery::jsonRows(db, {QStringLiteral("bigint")}).first;
    // One statement for all the places; `WHERE ... IN` skips nodes deleted meanwhile, and
    // SQLite needs a WHERE to read ON CONFLICT after INSERT ... SELECT.
    return SqlQuery::exec(
        db,
        QStringLiteral("INSERT INTO topology_positions (user_id, %1, x, y) SELECT CAST(? AS "
                       "bigint), %2 FROM %3 "
                       "WHERE %4 IN (SELECT id FROM %5) ON CONFLICT (user_id, %1) WHERE %1 IS NOT "
                       "NULL DO UPDATE SET x = excluded.x, y = excluded.y")
            .arg(column, columns, source, id, table),
        {userId, QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact))});
}

} // namespace Cairn
