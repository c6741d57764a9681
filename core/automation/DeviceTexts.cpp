#include "DeviceTexts.h"

#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"
#include "inventory/ChangeLog.h"
#include "inventory/Device.h"

#include <QDateTime>
#include <QSqlQuery>

namespace Cairn {

namespace {

// Texts restored in one transaction: few enough that other writers do not wait long.
constexpr qsizetype RestoreBatch = 500;

Result<void> updateText(const QSqlDatabase &db, qint64 deviceId, const QString &property,
                        const QString &text)
{
    Q_ASSERT(Device::TextFields.contains(property));
    // The column is one of Device::TextFields, never text a client chose.
    return SqlQuery::exec(
        db, QStringLiteral("UPDATE devices SET %1 = ?, updated_at = ? WHERE id = ?").arg(property),
        {text, QDateTime::currentMSecsSinceEpoch(), deviceId});
}

} // namespace

Result<void> DeviceTexts::store(qint64 deviceId, const QString &property, const QString &text)
{
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        Result<void> updated = updateText(db, deviceId, property, text);
        if (!updated)
            return updated;
        // Cached answers that show the device must see the new text.
        return ChangeLog::bumpVersion(db);
    });
}

Result<void> DeviceTexts::record(qint64 deviceId, const QString &property, const Backup &backup)
{
    if (backup.success) {
        Result<void> stored = store(deviceId, property, backup.text);
        if (!stored)
            return stored;
    }
    const QString status = backup.success ? QStringLiteral("Success") : QStringLiteral("Failure");
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral(
            "INSERT INTO device_text_status (device_id, property, status, last_update, "
            "last_failure, last_runtime, last_duration) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
            "(device_id, property) DO UPDATE SET status = excluded.status, last_update = CASE WHEN "
            "excluded.status = 'Success' THEN excluded.last_runtime ELSE "
            "device_text_status.last_update END, last_failure = CASE WHEN excluded.status = "
            "'Failure' THEN excluded.last_runtime ELSE device_text_status.last_failure END, "
            "last_runtime = excluded.last_runtime, last_duration = excluded.last_duration"),
        {deviceId, property, status, backup.success ? backup.runtime : QString(),
         backup.success ? QString() : backup.runtime, backup.runtime, backup.duration});
}

Result<void> DeviceTexts::restore(const QList<Restored> &texts)
{
    for (qsizetype first = 0; first < texts.size(); first += RestoreBatch) {
        const qsizetype end = qMin(first + RestoreBatch, texts.size());
        Result<void> stored =
            Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
                for (qsizetype i = first; i < end; ++i) {
                    const Restored &text = texts.at(i);
                    Result<void> updated = updateText(db, text.deviceId, text.property, text.text);
                    if (!updated)
                        return updated;
                }
                return ChangeLog::bumpVersion(db);
            });
        if (!stored)
            return stored;
    }
    return {};
}

Result<QHash<QString, QString>> DeviceTexts::texts(qint64 deviceId)
{
    Result<QSqlQuery> query = SqlQuery::run(m_database.connection(),
                                            QStringLiteral("SELECT %1 FROM devices WHERE id = ?")
                                                .arg(Device::TextFields.join(QLatin1String(", "))),
                                            {deviceId});
    if (!query)
        return query.error();
    QHash<QString, QString> texts;
    if (query->next()) {
        for (int i = 0; i < Device::TextFields.size(); ++i)
            texts.insert(Device::TextFields.at(i), query->value(i).toString());
    }
    return texts;
}

Result<QHash<qint64, QJsonObject>> DeviceTexts::statuses(std::optional<qint64> deviceId)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT device_id, property, status, last_update, last_failure, "
                       "last_runtime, last_duration FROM device_text_status WHERE (? OR "
                       "device_id = ?)"),
        {!deviceId.has_value(), deviceId.value_or(0)});
    if (!query)
        return query.error();
    QHash<qint64, QJsonObject> statuses;
    while (query->next()) {
        QJsonObject &fields = statuses[query->value(0).toLongLong()];
        const QString prefix = QStringLiteral("last_%1_").arg(query->value(1).toString());
        fields.insert(prefix + QStringLiteral("status"), query->value(2).toString());
        fields.insert(prefix + QStringLiteral("update"), query->value(3).toString());
        fields.insert(prefix + QStringLiteral("failure"), query->value(4).toString());
        fields.insert(prefix + QStringLiteral("runtime"), query->value(5).toString());
        fields.insert(prefix + QStringLiteral("duration"), query->value(6).toString());
    }
    return statuses;
}

} // namespace Cairn
