#pragma once

#include <QList>
#include <QString>

namespace Cairn {

// A PostgreSQL server the operator connects the desktop to, remembered by name. Only where the
// server is (its postgresql:// URL, never with a password) is kept in the settings; the
// password is in the keychain when the operator asked for that.
struct ConnectionProfile
{
    QString name;
    QString url;
};

// The remembered profiles, and which connection the desktop used last (a profile's name, or
// empty for the local SQLite database).
class ConnectionProfiles
{
public:
    static QList<ConnectionProfile> all();
    static void save(const QList<ConnectionProfile> &profiles);
    static QString lastUsed();
    static void setLastUsed(const QString &name);
};

} // namespace Cairn
