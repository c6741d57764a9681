#include "LinkRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace Cairn {

Result<QList<Link>> LinkRepository::select(const std::optional<QStringList> &names)
{
    QList<Link> links;
    const Result<void> read = visit(names, [&links](const Link &link) {
        links << link;
        return true;
    });
    if (!read)
        return read.error();
    return links;
}

Result<void> LinkRepository::each(const std::function<bool(const Link &)> &sink)
{
    return visit(std::nullopt, sink);
}

Result<qint64> LinkRepository::storedCount()
{
    const Result<QVariant> count =
        SqlQuery::scalar(m_database.connection(), QStringLiteral("SELECT COUNT(*) FROM links"));
    if (!count)
        return count.error();
    return count->toLongLong();
}

Result<void> LinkRepository::visit(const std::optional<QStringList> &names,
                                   const std::function<bool(const Link &)> &sink)
{
    const QSqlDatabase db = m_database.connection();
    QString linkCondition;
    QString circuitCondition;
    QVariantList values;
    if (names) {
        const auto [links, linkNames] = SqlQuery::inTexts(db, QStringLiteral("l.name"), *names);
        const auto [circuits, circuitNames] =
            SqlQuery::inTexts(db, QStringLiteral("c.name"), *names);
        linkCondition = QStringLiteral("WHERE ") + links;
        circuitCondition = QStringLiteral("AND ") + circuits;
        values << linkNames << circuitNames;
    }
    // eNMS's links, with the NSoT circuit of the same name if there is one, and the circuits
    // between two devices' interfaces that no link names: one topology, seen from both faces.
    Result<QSqlQuery> query = SqlQuery::run(
        db,
        QStringLiteral(
            "SELECT * FROM (SELECT l.id AS id, l.name AS name, l.source_id AS source_id, "
            "l.destination_id AS destination_id, s.hostname AS source_name, d.hostname AS "
            "destination_name, l.color AS color, l.description AS description, l.created_at AS "
            "created_at, l.updated_at AS updated_at, c.id AS circuit_id, ca.name AS "
            "source_interface, cz.name AS destination_interface FROM links l JOIN devices s ON "
            "s.id = l.source_id JOIN devices d ON d.id = l.destination_id LEFT JOIN circuits c ON "
            "c.name = l.name LEFT JOIN interfaces ca ON ca.id = c.endpoint_a LEFT JOIN interfaces "
            "cz ON cz.id = c.endpoint_z %1 UNION ALL SELECT 0, c.name, ia.device_id, iz.device_id, "
            "da.hostname, dz.hostname, '', '', c.created_at, c.updated_at, c.id, ia.name, iz.name "
            "FROM circuits c JOIN interfaces ia ON ia.id = c.endpoint_a JOIN interfaces iz ON "
            "iz.id = c.endpoint_z JOIN devices da ON da.id = ia.device_id JOIN devices dz ON dz.id "
            "= iz.device_id WHERE NOT EXISTS (SELECT 1 FROM links n WHERE n.name = c.name) %2) e "
            "ORDER BY e.name")
            .arg(linkCondition, circuitCondition),
        values);
    if (!query)
        return query.error();
    while (query->next()) {
        Link link;
        link.id = query->value(0).toLongLong();
        link.name = query->value(1).toString();
        link.sourceId = query->value(2).toLongLong();
        link.destinationId = query->value(3).toLongLong();
        link.sourceName = query->value(4).toString();
        link.destinationName = query->value(5).toString();
        link.color = query->value(6).toString();
        link.description = query->value(7).toString();
        link.createdAt = query->value(8).toLongLong();
        link.updatedAt = query->value(9).toLongLong();
        if (!query->value(10).isNull())
            link.circuitId = query->value(10).toLongLong();
        link.sourceInterface = query->value(11).toString();
        link.destinationInterface = query->value(12).toString();
        if (!sink(link))
            break;
    }
    return {};
}

Result<QList<Link>> LinkRepository::list()
{
    return select(std::nullopt);
}

Result<QList<Link>> LinkRepository::byNames(const QStringList &names)
{
    return select(names);
}

Result<std::optional<Link>> LinkRepository::byName(const QString &name)
{
    const Result<QList<Link>> found = select(QStringList{name});
    if (!found)
        return found.error();
    return found->isEmpty() ? std::nullopt : std::optional<Link>(found->first());
}

Result<void> LinkRepository::insert(Link &link)
{
    link.createdAt = link.updatedAt = QDateTime::currentMSecsSinceEpoch();
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("INSERT INTO links (name, source_id, destination_id, color, description, "
                       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {link.name, link.sourceId, link.destinationId, link.color, link.description, link.createdAt,
         link.updatedAt});
    if (!query)
        return query.error();
    if (!query->next())
        return Error::internal(QStringLiteral("Link %1 was not stored.").arg(link.name));
    link.id = query->value(0).toLongLong();
    query->finish();
    return {};
}

Result<void> LinkRepository::insertAll(QList<Link> &links)
{
    if (links.isEmpty())
        return {};
    const QSqlDatabase db = m_database.connection();
    QJsonArray rows;
    for (const Link &link : std::as_const(links))
        rows.append(
            QJsonArray{link.name, link.sourceId, link.destinationId, link.color, link.description});
    const QString text = QStringLiteral("text");
    const auto [columns, source] = SqlQuery::jsonRows(
        db, {text, QStringLiteral("bigint"), QStringLiteral("bigint"), text, text});
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Result<QSqlQuery> inserted = SqlQuery::run(
        db,
        QStringLiteral("INSERT INTO links (name, source_id, destination_id, color, description, "
                       "created_at, updated_at) SELECT %1, CAST(? AS bigint), CAST(? AS bigint) "
                       "FROM %2 RETURNING id, name")
            .arg(columns, source),
        {now, now, QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact))});
    if (!inserted)
        return inserted.error();
    // RETURNING gives no order: rows are matched back by name.
    QHash<QString, qint64> ids;
    ids.reserve(links.size());
    while (inserted->next())
        ids.insert(inserted->value(1).toString(), inserted->value(0).toLongLong());
    for (Link &link : links) {
        link.id = ids.value(link.name);
        link.createdAt = now;
        link.updatedAt = now;
    }
    return {};
}

Result<void> LinkRepository::update(Link &link)
{
    link.updatedAt = QDateTime::currentMSecsSinceEpoch();
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("UPDATE links SET name = ?, source_id = ?, "
                                         "destination_id = ?, color = ?, description = ?, "
                                         "updated_at = ? WHERE id = ?"),
                          {link.name, link.sourceId, link.destinationId, link.color,
                           link.description, link.updatedAt, link.id});
}

Result<void> LinkRepository::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(), QStringLiteral("DELETE FROM links WHERE id = ?"),
                          {id});
}

} // namespace Cairn
