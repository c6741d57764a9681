#include "ConfigurationRestore.h"

#include "ConfigurationHistory.h"
#include "DeviceTexts.h"
#include "auth/PermissionService.h"
#include "inventory/DeviceService.h"
#include "inventory/SiteService.h"

#include <QJsonArray>
#include <QSet>
#include <limits>

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
    // Each site's devices by hostname, and whether the caller may change them: read once per
    // site, not once per text.
    QHash<qint64, QHash<QString, qint64>> devicesOfSite;
    QHash<qint64, bool> changeable;
    const auto deviceOf = [&](qint64 siteId, const QString &hostname) -> Result<qint64> {
        auto known = devicesOfSite.find(siteId);
        if (known == devicesOfSite.end()) {
            DeviceFilter filter;
            filter.siteId = siteId;
            filter.limit = std::numeric_limits<int>::max();
            const Result<QList<Device>> devices = m_devices.list(filter);
            if (!devices)
                return devices.error();
            QHash<QString, qint64> ids;
            for (const Device &device : devices.value())
                ids.insert(device.hostname, device.id);
            known = devicesOfSite.insert(siteId, ids);
        }
        return known->value(hostname);
    };
    QList<DeviceTexts::Restored> restored;
    QSet<QString> unknown;
    QSet<QString> refused;
    for (const HistoryText &text : texts.value()) {
        const QString key = text.site + QLatin1Char('/') + text.hostname;
        // Files put there by hand that name no device are left alone.
        if (!Device::TextFields.contains(text.property) || text.site.isEmpty() ||
            text.hostname.isEmpty())
            continue;
        const auto site = siteIds.constFind(text.site);
        const Result<qint64> device =
            site == siteIds.cend() ? Result<qint64>(0) : deviceOf(site.value(), text.hostname);
        if (!device)
            return device.error();
        if (device.value() == 0) {
            unknown.insert(key);
            continue;
        }
        if (!changeable.contains(site.value())) {
            const Result<bool> allowed = m_permissions.isAllowed(
                caller, QString::fromLatin1(SiteService::ObjectType), site.value(), Action::Change);
            if (!allowed)
                return allowed.error();
            changeable.insert(site.value(), allowed.value());
        }
        if (!changeable.value(site.value())) {
            refused.insert(key);
            continue;
        }
        restored.append({device.value(), text.property, text.text});
    }
    const Result<void> stored = m_texts.restore(restored);
    if (!stored)
        return stored.error();
    QStringList unknownList(unknown.cbegin(), unknown.cend());
    QStringList refusedList(refused.cbegin(), refused.cend());
    unknownList.sort();
    refusedList.sort();
    return QJsonObject{{QStringLiteral("restored"), restored.size()},
                       {QStringLiteral("unknown"), QJsonArray::fromStringList(unknownList)},
                       {QStringLiteral("refused"), QJsonArray::fromStringList(refusedList)}};
}

} // namespace Cairn
