#include "InventoryUsage.h"

#include "Counted.h"
#include "db/SqlQuery.h"

#include <QSqlQuery>
#include <QVariant>

namespace Cairn::InventoryUsage {

Result<QStringList> ofSite(const QSqlDatabase &db, qint64 siteId)
{
    struct Table
    {
        const char *name;
        const char *singular;
        const char *plural;
    };
    // Every table whose rows belong to a site.
    static constexpr Table Tables[]{
        {"devices", "device", "devices"},
        {"interfaces", "interface", "interfaces"},
        {"networks", "network", "networks"},
        {"circuits", "circuit", "circuits"},
        {"protocols", "protocol", "protocols"},
        {"protocol_types", "protocol type", "protocol types"},
        {"attributes", "attribute", "attributes"},
    };
    QStringList parts;
    for (const Table &table : Tables) {
        const Result<QVariant> count =
            SqlQuery::scalar(db,
                             QStringLiteral("SELECT COUNT(*) FROM %1 WHERE site_id = ?")
                                 .arg(QString::fromLatin1(table.name)),
                             {siteId});
        if (!count)
            return count.error();
        if (count->toLongLong() > 0)
            parts << counted(count->toLongLong(), QString::fromLatin1(table.singular),
                             QString::fromLatin1(table.plural));
    }
    return parts;
}

Result<QStringList> ofAttribute(const QSqlDatabase &db, qint64 attributeId)
{
    Result<QSqlQuery> query = SqlQuery::run(
        db,
        QStringLiteral("SELECT resource_name, COUNT(DISTINCT resource_id) FROM attribute_values "
                       "WHERE attribute_id = ? GROUP BY resource_name ORDER BY resource_name"),
        {attributeId});
    if (!query)
        return query.error();
    QStringList parts;
    while (query->next()) {
        const qint64 count = query->value(1).toLongLong();
        // Resource names (Device, Network, Interface...) take an s.
        parts << QStringLiteral("%1 %2%3").arg(count).arg(
            query->value(0).toString(), count == 1 ? QString() : QStringLiteral("s"));
    }
    return parts;
}

Result<QStringList> ofInterface(const QSqlDatabase &db, qint64 interfaceId)
{
    QStringList parts;
    const Result<QVariant> children = SqlQuery::scalar(
        db, QStringLiteral("SELECT COUNT(*) FROM interfaces WHERE parent_id = ?"), {interfaceId});
    if (!children)
        return children.error();
    if (children->toLongLong() > 0)
        parts << counted(children->toLongLong(), QStringLiteral("child interface"),
                         QStringLiteral("child interfaces"));
    // Counted, not named: the circuit's other end may be in a site the caller may not view.
    const Result<QVariant> circuits = SqlQuery::scalar(
        db, QStringLiteral("SELECT COUNT(*) FROM circuits WHERE endpoint_a = ? OR endpoint_z = ?"),
        {interfaceId, interfaceId});
    if (!circuits)
        return circuits.error();
    if (circuits->toLongLong() > 0)
        parts << counted(circuits->toLongLong(), QStringLiteral("circuit"),
                         QStringLiteral("circuits"));
    return parts;
}

Result<QStringList> ofNetwork(const QSqlDatabase &db, qint64 networkId)
{
    // Named by kind only: the caller may not view the static network or the machine.
    static constexpr std::pair<const char *, const char *> Holders[]{
        {"SELECT COUNT(*) FROM virt_networks WHERE ipam_network_id = ?",
         "a static network (delete that through /rest/networks/ first)"},
        {"SELECT COUNT(*) FROM virt_ip_leases l WHERE l.ipam_address_id = ? AND EXISTS (SELECT "
         "1 FROM virt_machines m WHERE m.uuid = l.machine_uuid)",
         "a machine's address lease (deleting the machine frees it)"},
    };
    QStringList parts;
    for (const auto &[query, holder] : Holders) {
        const Result<QVariant> count =
            SqlQuery::scalar(db, QString::fromLatin1(query), {networkId});
        if (!count)
            return count.error();
        if (count->toLongLong() > 0)
            parts << QString::fromLatin1(holder);
    }
    return parts;
}

QString joined(const QStringList &parts)
{
    if (parts.size() < 2)
        return parts.join(QString());
    return parts.mid(0, parts.size() - 1).join(QLatin1String(", ")) + QStringLiteral(" and ") +
           parts.last();
}

} // namespace Cairn::InventoryUsage
