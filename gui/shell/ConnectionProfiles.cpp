#include "ConnectionProfiles.h"

#include <QSettings>

namespace Cairn {

namespace {

const QString ProfilesKey = QStringLiteral("Connections/Profiles");
const QString NameKey = QStringLiteral("name");
const QString UrlKey = QStringLiteral("url");
const QString LastUsedKey = QStringLiteral("Connections/LastUsed");

} // namespace

QList<ConnectionProfile> ConnectionProfiles::all()
{
    QSettings settings;
    QList<ConnectionProfile> profiles;
    const int count = settings.beginReadArray(ProfilesKey);
    for (int index = 0; index < count; ++index) {
        settings.setArrayIndex(index);
        profiles << ConnectionProfile{settings.value(NameKey).toString(),
                                      settings.value(UrlKey).toString()};
    }
    settings.endArray();
    return profiles;
}

void ConnectionProfiles::save(const QList<ConnectionProfile> &profiles)
{
    QSettings settings;
    settings.remove(ProfilesKey);
    settings.beginWriteArray(ProfilesKey, int(profiles.size()));
    for (int index = 0; index < profiles.size(); ++index) {
        settings.setArrayIndex(index);
        settings.setValue(NameKey, profiles.at(index).name);
        settings.setValue(UrlKey, profiles.at(index).url);
    }
    settings.endArray();
}

QString ConnectionProfiles::lastUsed()
{
    return QSettings().value(LastUsedKey).toString();
}

void ConnectionProfiles::setLastUsed(const QString &name)
{
    QSettings().setValue(LastUsedKey, name);
}

} // namespace Cairn
