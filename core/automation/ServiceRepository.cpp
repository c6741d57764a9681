#include "ServiceRepository.h"

#include "db/Database.h"
#include "db/JoinTable.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace Cairn {

namespace {

const QString Devices = QStringLiteral("service_devices");
const QString Pools = QStringLiteral("service_pools");
const QString Owner = QStringLiteral("service_id");

} // namespace

Result<QList<Service>> ServiceRepository::select(const QString &where, const QVariantList &values)
{
    const QSqlDatabase db = m_database.connection();
    Result<QSqlQuery> query =
        SqlQuery::run(db,
                      QStringLiteral("SELECT id, name, type, description, disabled, settings, "
                                     "sealed_secret, created_at, updated_at FROM services %1 "
                                     "ORDER BY name")
                          .arg(where),
                      values);
    if (!query)
        return query.error();
    QList<Service> services;
    while (query->next())
        services << Service{query->value(0).toLongLong(),
                            query->value(1).toString(),
                            query->value(2).toString(),
                            query->value(3).toString(),
                            query->value(4).toBool(),
                            QJsonDocument::fromJson(query->value(5).toString().toUtf8()).object(),
                            query->value(6).toString(),
                            {},
                            {},
                            query->value(7).toLongLong(),
                            query->value(8).toLongLong()};
    query->finish();
    const Result<void> attached = JoinTable::attachTargets(db, Devices, Pools, Owner, services);
    if (!attached)
        return attached.error();
    return services;
}

Result<QList<Service>> ServiceRepository::list()
{
    return select({}, {});
}

Result<std::optional<Service>> ServiceRepository::byName(const QString &name)
{
    const Result<QList<Service>> found = select(QStringLiteral("WHERE name = ?"), {name});
    if (!found)
        return found.error();
    return found->isEmpty() ? std::nullopt : std::optional<Service>(found->first());
}

Result<void> ServiceRepository::save(Service &service)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString settings =
        QString::fromUtf8(QJsonDocument(service.settings).toJson(QJsonDocument::Compact));
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        if (service.id == 0) {
            const Result<QVariant> id = SqlQuery::scalar(
                db,
                QStringLiteral("INSERT INTO services (name, type, description, disabled, "
                               "settings, sealed_secret, created_at, updated_at) VALUES (?, ?, ?, "
                               "?, ?, ?, ?, ?) RETURNING id"),
                {service.name, service.type, service.description, service.disabled, settings,
                 service.sealedSecret, now, now});
            if (!id)
                return id.error();
            service.id = id->toLongLong();
            service.createdAt = now;
        } else {
            Result<void> updated = SqlQuery::exec(
                db,
                QStringLiteral("UPDATE services SET name = ?, description = ?, disabled = ?, "
                               "settings = ?, sealed_secret = ?, updated_at = ? WHERE id = ?"),
                {service.name, service.description, service.disabled, settings,
                 service.sealedSecret, now, service.id});
            if (!updated)
                return updated;
        }
        service.updatedAt = now;
        Result<void> devices = JoinTable::replace(db, Devices, Owner, QStringLiteral("device_id"),
                                                  service.id, service.deviceIds);
        if (!devices)
            return devices;
        return JoinTable::replace(db, Pools, Owner, QStringLiteral("pool_id"), service.id,
                                  service.poolIds);
    });
}

Result<void> ServiceRepository::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("DELETE FROM services WHERE id = ?"), {id});
}

} // namespace Cairn
