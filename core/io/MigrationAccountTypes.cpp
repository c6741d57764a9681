#include "MigrationAccountTypes.h"

#include "CoreServices.h"
#include "auth/GroupService.h"
#include "auth/UserService.h"

#include <QJsonArray>
#include <algorithm>

namespace Cairn {

namespace {

const QString Name = QStringLiteral("name");
const QString Username = QStringLiteral("username");
const QString Members = QStringLiteral("members");

// A user's secrets are sealed for that username alone: moved to another user in the file,
// they are refused.
QString secretsOwner(const QJsonObject &user)
{
    return QStringLiteral("user %1").arg(user.value(Username).toString());
}

MigrationType users(CoreServices &core)
{
    MigrationType type{QStringLiteral("user"), {Username}, {}, {}};
    type.read = [&core](const MigrationSecrets &secrets) -> Result<QList<QJsonObject>> {
        const Result<QList<User>> all = core.users().listUsers();
        if (!all)
            return all.error();
        QList<QJsonObject> objects;
        for (const User &user : all.value()) {
            QJsonObject object{{Username, user.username},
                               {QStringLiteral("email"), user.email},
                               {QStringLiteral("is_superuser"), user.isSuperuser},
                               {QStringLiteral("is_active"), user.isActive}};
            if (secrets.carried()) {
                const Result<QJsonObject> hidden = core.users().exportedSecrets(user.username);
                if (!hidden)
                    return hidden.error();
                secrets.sealInto(object, hidden.value(), secretsOwner(object));
            }
            objects.append(object);
        }
        MigrationType::sortBy(objects, {Username});
        return objects;
    };
    type.save = [&core](const QList<MigrationEntry> &entries, int, const MigrationSecrets &secrets,
                        QList<MigrationProblem> &problems) {
        return MigrationType::saveEach(
            QStringLiteral("user"), entries,
            [&](QJsonObject object) -> Result<void> {
                const Result<QJsonObject> hidden = secrets.takeFrom(object, secretsOwner(object));
                if (!hidden)
                    return hidden.error();
                const QString username = object.value(Username).toString();
                const Result<User> existing = core.users().userByUsername(username);
                if (existing)
                    return {}; // kept as it is here
                if (existing.error().code != ErrorCode::NotFound)
                    return existing.error();
                User user;
                user.username = username;
                user.email = object.value(QLatin1String("email")).toString();
                user.isSuperuser = object.value(QLatin1String("is_superuser")).toBool();
                user.isActive = object.value(QLatin1String("is_active")).toBool(true);
                return MigrationType::done(core.users().adoptUser(user, hidden.value()));
            },
            problems);
    };
    return type;
}

MigrationType groups(CoreServices &core)
{
    MigrationType type{QStringLiteral("group"), {Name}, {}, {}};
    type.read = [&core](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        const Result<QList<Group>> all = core.groups().list();
        if (!all)
            return all.error();
        QList<QJsonObject> objects;
        for (const Group &group : all.value()) {
            Result<QStringList> members = core.groups().memberNames(group.id);
            if (!members)
                return members.error();
            members->sort();
            objects.append({{Name, group.name},
                            {QStringLiteral("description"), group.description},
                            {Members, QJsonArray::fromStringList(members.value())}});
        }
        MigrationType::sortBy(objects, {Name});
        return objects;
    };
    type.save = [&core](const QList<MigrationEntry> &entries, int, const MigrationSecrets &,
                        QList<MigrationProblem> &problems) {
        return MigrationType::saveEach(
            QStringLiteral("group"), entries,
            [&](const QJsonObject &object) -> Result<void> {
                // Every member first, so that a missing one changes nothing.
                QList<qint64> members;
                for (const QJsonValue member : object.value(Members).toArray()) {
                    const Result<User> user = core.users().userByUsername(member.toString());
                    if (!user)
                        return Error::invalidField(
                            Members, QStringLiteral("No user named \"%1\" here; import the "
                                                    "users too, or add them first.")
                                         .arg(member.toString()));
                    members << user->id;
                }
                const QString name = object.value(Name).toString();
                Result<Group> group = core.groups().byName(name);
                if (!group && group.error().code != ErrorCode::NotFound)
                    return group.error();
                if (!group)
                    group = core.groups().create(
                        name, object.value(QLatin1String("description")).toString());
                if (!group)
                    return group.error();
                for (qint64 member : std::as_const(members)) {
                    const Result<void> added = core.groups().addMember(group->id, member);
                    if (!added)
                        return added.error();
                }
                return {};
            },
            problems);
    };
    return type;
}

} // namespace

QList<MigrationType> migrationAccountTypes(CoreServices &core, const Identity &)
{
    return {users(core), groups(core)};
}

} // namespace Cairn
