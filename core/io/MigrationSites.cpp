#include "MigrationSites.h"

#include "CoreServices.h"
#include "inventory/SiteService.h"

namespace Cairn {

Result<MigrationSites> MigrationSites::read(CoreServices &core)
{
    const Result<QList<Site>> sites = core.sites().list();
    if (!sites)
        return sites.error();
    MigrationSites all;
    for (const Site &site : sites.value()) {
        all.m_names.insert(site.id, site.name);
        all.m_ids.insert(site.name, site.id);
    }
    return all;
}

Result<qint64> MigrationSites::take(QJsonObject &object) const
{
    const QString name = object.take(Field).toString();
    const std::optional<qint64> found = idOf(name);
    if (!found)
        return Error::invalidField(Field, QStringLiteral("No site named \"%1\".").arg(name));
    return *found;
}

Result<void> MigrationSites::saveEach(
    CoreServices &core, const QString &type, const QList<MigrationEntry> &entries,
    QList<MigrationProblem> &problems,
    const std::function<Result<void>(QJsonObject, const MigrationSites &)> &save)
{
    const Result<MigrationSites> known = read(core);
    if (!known)
        return known.error();
    return MigrationType::saveEach(
        type, entries, [&](const QJsonObject &object) { return save(object, known.value()); },
        problems);
}

} // namespace Cairn
