#include "MigrationToolkitTypes.h"

#include "CoreServices.h"
#include "automation/AutomationParts.h"
#include "toolkit/CommandService.h"
#include "toolkit/CredentialSetService.h"

#include <QJsonArray>
#include <algorithm>
#include <memory>

namespace Cairn {

namespace {

const QString Name = QStringLiteral("name");
const QString Owner = QStringLiteral("owner");
const QString TokenHash = QStringLiteral("token_hash");

MigrationType commands(CoreServices &core, const Identity &caller)
{
    MigrationType type{QStringLiteral("command"), {Name, QStringLiteral("command_type")}, {}, {}};
    type.read = [&core](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        CommandFilter filter;
        filter.ordering = {Name};
        const Result<QList<Command>> all = MigrationType::allPages<Command>(
            filter, [&](const CommandFilter &page) { return core.commands().list(page); });
        if (!all)
            return all.error();
        QList<QJsonObject> objects;
        for (const Command &command : all.value()) {
            QJsonObject object = command.toJson();
            for (const char *key : {"id", "display", "created", "last_updated"})
                object.remove(QLatin1String(key));
            objects.append(object);
        }
        return objects;
    };
    type.save = [&core, caller](const QList<MigrationEntry> &entries, int, const MigrationSecrets &,
                                QList<MigrationProblem> &problems) {
        return MigrationType::saveEach(
            QStringLiteral("command"), entries,
            [&](const QJsonObject &object) -> Result<void> {
                CommandFilter filter;
                filter.name = object.value(Name).toString();
                const Result<QList<Command>> existing = core.commands().list(filter);
                if (!existing)
                    return existing.error();
                if (existing->isEmpty()) {
                    const Result<QList<Command>> made =
                        core.commands().create(caller, QJsonArray{object});
                    return made ? Result<void>() : Result<void>(made.error());
                }
                QJsonObject fields = object;
                fields.insert(QStringLiteral("id"), existing->first().id);
                const Result<QList<Command>> changed =
                    core.commands().update(caller, QJsonArray{fields}, false);
                return changed ? Result<void>() : Result<void>(changed.error());
            },
            problems);
    };
    return type;
}

// What a set's secrets are sealed for: the set and its owner.
QString secretsOwner(const QString &owner, const QJsonObject &set)
{
    return QStringLiteral("credential %1/%2").arg(owner, set.value(Name).toString());
}

// Every set of every user, by owner: a set is its owner's alone, and so is what it logs in as.
MigrationType credentials(CoreServices &core, const std::shared_ptr<AutomationParts> &parts)
{
    MigrationType type{QStringLiteral("credential"), {Owner, Name}, {}, {}};
    type.read = [&core, parts](const MigrationSecrets &secrets) -> Result<QList<QJsonObject>> {
        QList<QJsonObject> objects;
        const Result<QList<User>> users = core.users().listUsers();
        if (!users)
            return users.error();
        for (const User &user : users.value()) {
            const Identity owner{user};
            const Result<QJsonArray> sets = parts->credentials.queryCredentials(owner, {});
            if (!sets)
                return sets.error();
            QList<QJsonObject> own;
            for (const QJsonValue value : sets.value()) {
                QJsonObject set = value.toObject();
                for (const char *key : {"id", "display", "has_password", "has_private_key",
                                        "has_enable_password", "created", "last_used"})
                    set.remove(QLatin1String(key));
                set.insert(Owner, user.username);
                const Result<QJsonObject> hidden =
                    core.credentialSets().exportedSecrets(owner, set.value(Name).toString());
                if (!hidden)
                    return hidden.error();
                secrets.sealInto(set, hidden.value(), secretsOwner(user.username, set));
                own.append(set);
            }
            std::sort(own.begin(), own.end(), [](const QJsonObject &a, const QJsonObject &b) {
                return a.value(Name).toString() < b.value(Name).toString();
            });
            objects.append(own);
        }
        std::stable_sort(objects.begin(), objects.end(),
                         [](const QJsonObject &a, const QJsonObject &b) {
                             return a.value(Owner).toString() < b.value(Owner).toString();
                         });
        return objects;
    };
    type.save = [&core, parts](const QList<MigrationEntry> &entries, int,
                               const MigrationSecrets &secrets, QList<MigrationProblem> &problems) {
        return MigrationType::saveEach(
            QStringLiteral("credential"), entries,
            [&](QJsonObject object) -> Result<void> {
                const QString ownerName = object.value(Owner).toString();
                const Result<QJsonObject> hidden =
                    secrets.takeFrom(object, secretsOwner(ownerName, object));
                if (!hidden)
                    return hidden.error();
                object.remove(Owner);
                const Result<User> user = core.users().userByUsername(ownerName);
                if (!user)
                    return Error::invalidField(
                        Owner, QStringLiteral("No user named \"%1\" here to own the set; add "
                                              "them first.")
                                   .arg(ownerName));
                const Identity owner{user.value()};
                QJsonObject fields = object;
                for (auto it = hidden->begin(); it != hidden->end(); ++it) {
                    if (it.key() != TokenHash && !it.value().toString().isEmpty())
                        fields.insert(it.key(), it.value());
                }
                Result<void> saved = MigrationType::savedAlone(
                    parts->credentials.saveCredentials(owner, QJsonArray{fields}));
                if (!saved || !hidden->contains(TokenHash))
                    return saved;
                return core.credentialSets().restoreToken(owner, object.value(Name).toString(),
                                                          hidden->value(TokenHash).toString());
            },
            problems);
    };
    return type;
}

} // namespace

QList<MigrationType> migrationToolkitTypes(CoreServices &core, const Identity &caller)
{
    return {commands(core, caller), credentials(core, std::make_shared<AutomationParts>(core))};
}

} // namespace Cairn
