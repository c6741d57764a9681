#include "ConfigurationRestore.h"

#include "ConfigurationHistory.h"
#include "DeviceTexts.h"
#include "auth/PermissionService.h"
#include "inventory/DeviceService.h"
#include "inventory/SiteService.h"

#include <QJsonArray>
#include <QSet>

namespace Cairn {

Result<QJsonObject> ConfigurationRestore::restore(const Identity &caller)
{
    // Reads the whole history and rewrites devices everywhere: an administrator's act.
    if (!caller.user.isSuperuser || caller.readOnly)
        return Error::forbidden(
            QStringLiteral("Only a superuser restores configurations from the history."));
    const Result<QList<HistoryText>> texts = m_history.head();
    if (!texts)
        return texts.error();
    const Result<QList<Site>> sites = m_sites.list();
    if (!sites)
        return sites.error();
    QHash<QString, qint64> siteIds;
    for (const Site &site : sites.value())
        siteIds.insert(site.name, site.id);
    int restored = 0;
    QSet<QString> unknown;
    QSet<QString> refused;
    for (const HistoryText &text : texts.value()) {
        const QString key = text.site + QLatin1Char('/') + text.hostname;
        // Files put there by hand that name no device are left alone.
        if (!Device::TextFields.contains(text.property) || text.site.isEmpty() ||
            text.hostname.isEmpty())
            continue;
        const auto site = siteIds.constFind(text.site);
        DeviceFilter filter;
        filter.siteId = site == siteIds.cend() ? -1 : site.value();
        filter.hostname = text.hostname;
        filter.limit = 1;
        const Result<QList<Device>> devices = m_devices.list(filter);
        if (!devices)
            return devices.error();
        if (devices->isEmpty()) {
            unknown.insert(key);
            continue;
        }
        const Result<bool> allowed =
            m_permissions.isAllowed(caller, QString::fromLatin1(SiteService::ObjectType),
                                    devices->first().siteId, Action::Change);
        if (!allowed)
            return allowed.error();
        if (!allowed.value()) {
            refused.insert(key);
            continue;
        }
        const Result<void> stored = m_texts.restore(devices->first().id, text.property, text.text);
        if (!stored)
            return stored.error();
        ++restored;
    }
    QStringList unknownList(unknown.cbegin(), unknown.cend());
    QStringList refusedList(refused.cbegin(), refused.cend());
    unknownList.sort();
    refusedList.sort();
    return QJsonObject{{QStringLiteral("restored"), restored},
                       {QStringLiteral("unknown"), QJsonArray::fromStringList(unknownList)},
                       {QStringLiteral("refused"), QJsonArray::fromStringList(refusedList)}};
}

} // namespace Cairn
