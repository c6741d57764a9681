#include "PlatformCatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace Cairn {

const QList<PlatformProfile> &PlatformCatalog::all()
{
    static const QList<PlatformProfile> profiles = [] {
        QFile file(QStringLiteral(":/cairn/transport/platforms.json"));
        QList<PlatformProfile> loaded;
        if (!file.open(QIODevice::ReadOnly))
            return loaded;
        const QJsonArray platforms = QJsonDocument::fromJson(file.readAll())
                                         .object()
                                         .value(QLatin1String("platforms"))
                                         .toArray();
        for (const QJsonValue platform : platforms)
            loaded << PlatformProfile::fromJson(platform.toObject());
        return loaded;
    }();
    return profiles;
}

const PlatformProfile *PlatformCatalog::find(const QString &nameOrAlias)
{
    const QString wanted = nameOrAlias.trimmed().toLower();
    for (const PlatformProfile &profile : all()) {
        if (profile.name == wanted || profile.aliases.contains(wanted))
            return &profile;
    }
    return nullptr;
}

QStringList PlatformCatalog::names()
{
    QStringList names;
    for (const PlatformProfile &profile : all())
        names << profile.name;
    return names;
}

} // namespace Cairn
