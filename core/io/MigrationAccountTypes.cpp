#include "MigrationAccountTypes.h"

#include "CoreServices.h"
#include "auth/GroupService.h"
#include "auth/UserService.h"

#include <QJsonArray>

namespace Cairn {

namespace {

const QString Name = QStringLiteral("name");
const QString Username = QStringLiteral("username");
const QString Members = QStringLiteral("members");

const QString Email = QStringLiteral("email");
const QString Superuser = QStringLiteral("is_superuser");
const QString Active = QStringLiteral("is_active");
// In every sealed payload, so that its presence proves the account's fields are the exporter's.
const QString Account = QStringLiteral("account");
const QString PasswordHash = QStringLiteral("password_hash");

// A user's sealed part is bound to everything that says who they are and what they may do:
// an edited email or flag makes the whole entry refused.
QString secretsOwner(const QJsonObject &user)
{
    QJsonArray fields{QStringLiteral("user")};
    for (const QString &key : {Username, Email, Superuser, Active})
        fields.append(user.value(key));
    return MigrationSecrets::ownerOf(fields);
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
                               {Email, user.email},
                               {Superuser, user.isSuperuser},
                               {Active, user.isActive}};
            const Result<QJsonObject> hidden = core.users().exportedSecrets(user.username);
            if (!hidden)
                return hidden.error();
            QJsonObject sealed = hidden.value();
            sealed.insert(Account, true);
            secrets.sealInto(object, sealed, secretsOwner(object));
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
                for (const QString &flag : {Superuser, Active}) {
                    if (object.contains(flag) && !object.value(flag).isBool())
                        return Error::invalidField(flag, QStringLiteral("true or false."));
                }
                const Result<QJsonObject> hidden = secrets.takeFrom(object, secretsOwner(object));
                if (!hidden)
                    return hidden.error();
                const QString username = object.value(Username).toString();
                const Result<User> existing = core.users().userByUsername(username);
                if (existing)
                    return {}; // kept as it is here
                if (existing.error().code != ErrorCode::NotFound)
                    return existing.error();
                // Only what the exporter sealed says more than a name: without it (a project
                // without a passphrase, or an entry whose seal was removed) the user comes in
                // with no email, password or rights, and active as the file says.
                const bool proven = hidden->value(Account).toBool();
                User user;
                user.username = username;
                user.isActive = object.value(Active).toBool(true);
                if (proven) {
                    user.email = object.value(Email).toString();
                    user.isSuperuser = object.value(Superuser).toBool();
                }
                return MigrationType::done(core.users().adoptUser(
                    user, proven ? hidden->value(PasswordHash).toString() : QString()));
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
                const Result<Group> existing = core.groups().byName(name);
                if (existing)
                    return {}; // kept as it is here: its members carry its grants
                if (existing.error().code != ErrorCode::NotFound)
                    return existing.error();
                const Result<Group> group = core.groups().create(
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
