#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Cairn {

// An eNMS pool: devices and links listed by hand (`manuallyDefined`), or those its rules
// match. The rules are kept as eNMS names them: `device_<property>` (the value),
// `device_<property>_match` (inclusion, equality, regex or empty) and `device_<property>_invert`,
// and the same for `link_`.
struct Pool
{
    qint64 id = 0;
    QString name;
    QString description;
    bool manuallyDefined = false;
    QJsonObject rules;
    // The hand-picked members of a manually defined pool.
    QList<qint64> deviceIds;
    QList<qint64> linkIds;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

} // namespace Cairn
