#pragma once

#include "Result.h"

#include <QHash>
#include <QJsonObject>
#include <optional>

namespace Cairn {

class Database;

// Devices' backed-up texts (configuration, operational_data, specialized_data): the text on the
// device itself, and how its last backup went as eNMS shows it (last_<property>_status,
// _update, _failure, _runtime, _duration).
class DeviceTexts
{
public:
    struct Backup
    {
        bool success = false;
        // Stored only when the backup succeeded.
        QString text;
        QString runtime;
        QString duration;
    };

    explicit DeviceTexts(Database &database)
        : m_database(database)
    {
    }

    // `property` is one of Device::TextFields; the caller has checked it.
    Result<void> record(qint64 deviceId, const QString &property, const Backup &backup);
    // A text restored from the configuration history.
    struct Restored
    {
        qint64 deviceId = 0;
        // One of Device::TextFields; the caller has checked it.
        QString property;
        QString text;
    };

    // The texts only, their status untouched; many in each transaction, as a whole history
    // (100k devices) comes back at once.
    Result<void> restore(const QList<Restored> &texts);
    // The device's texts by property (empty when never backed up).
    Result<QHash<QString, QString>> texts(qint64 deviceId);
    // The last_* fields of every device that has any (or of `deviceId` alone), by device id.
    Result<QHash<qint64, QJsonObject>> statuses(std::optional<qint64> deviceId = std::nullopt);

private:
    Result<void> store(qint64 deviceId, const QString &property, const QString &text);

    Database &m_database;
};

} // namespace Cairn
