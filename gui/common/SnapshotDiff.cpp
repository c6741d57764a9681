#include "SnapshotDiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace Cairn {

namespace {

QString shown(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble());
    return QStringLiteral("null");
}

} // namespace

QString SnapshotDiff::between(const QJsonObject &before, const QJsonObject &after)
{
    QStringList keys = before.keys() + after.keys();
    keys.removeDuplicates();
    keys.sort();
    QStringList lines;
    for (const QString &key : std::as_const(keys)) {
        const QJsonValue old = before.value(key);
        const QJsonValue now = after.value(key);
        if (old == now)
            continue;
        if (!old.isUndefined())
            lines << QStringLiteral("- %1: %2").arg(key, shown(old));
        if (!now.isUndefined())
            lines << QStringLiteral("+ %1: %2").arg(key, shown(now));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace Cairn
