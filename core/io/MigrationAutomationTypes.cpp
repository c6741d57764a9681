#include "MigrationAutomationTypes.h"

#include "CoreServices.h"
#include "automation/AutomationParts.h"
#include "automation/EnmsValues.h"
#include "toolkit/CommandService.h"
#include "toolkit/CredentialSetService.h"

#include <QJsonArray>
#include <QSet>
#include <algorithm>
#include <memory>

namespace Cairn {

namespace {

const QString Name = QStringLiteral("name");

// The objects without `keys` (ids, times, what is worked out from the rest), by name.
QList<QJsonObject> kept(const QJsonArray &objects, const QStringList &keys)
{
    QList<QJsonObject> result;
    result.reserve(objects.size());
    for (const QJsonValue value : objects) {
        QJsonObject object = value.toObject();
        for (const QString &key : keys)
            object.remove(key);
        result.append(object);
    }
    std::stable_sort(result.begin(), result.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(Name).toString() < b.value(Name).toString();
    });
    return result;
}

MigrationType devices(CoreServices &core, const std::shared_ptr<AutomationParts> &parts,
                      const Identity &caller)
{
    MigrationType type{QStringLiteral("device"), {Name, QStringLiteral("site")}, {}, {}};
    type.read = [parts, &core](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        const Result<AutomationInventory::DeviceView> view =
            parts->devices.viewDevices(std::nullopt, true);
        if (!view)
            return view.error();
        // The view stops at a bound: a project without some devices would lose them on an
        // import that empties the database first.
        const Result<qint64> total = core.devices().count(DeviceFilter{});
        if (!total)
            return total.error();
        if (total.value() > view->devices.size())
            return Error::conflict(
                QStringLiteral("The inventory holds %1 devices, more than a migration export "
                               "takes (%2).")
                    .arg(total.value())
                    .arg(view->devices.size()));
        QJsonArray objects;
        for (QJsonObject device : view->devices) {
            // How the texts were last backed up is the history of this server, not the device.
            for (const QString &key : device.keys()) {
                if (key.startsWith(QLatin1String("last_")))
                    device.remove(key);
            }
            objects.append(device);
        }
        return kept(objects, {QStringLiteral("id"), QStringLiteral("site_id")});
    };
    type.save = [parts, caller](const QList<MigrationEntry> &entries, int, const MigrationSecrets &,
                                QList<MigrationProblem> &problems) {
        MigrationType::saveEach(
            QStringLiteral("device"), entries,
            [&](const QJsonArray &batch) { return parts->devices.saveDevices(caller, batch); },
            problems);
        return Result<void>();
    };
    return type;
}

MigrationType links(const std::shared_ptr<AutomationParts> &parts, const Identity &caller)
{
    MigrationType type{QStringLiteral("link"), {Name}, {}, {}};
    type.read = [parts](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        const Result<QJsonArray> all = parts->links.queryLinks({});
        if (!all)
            return all.error();
        // A circuit no link names is shown as a link with id 0: it is the circuit's, not one.
        QJsonArray own;
        for (const QJsonValue link : all.value()) {
            if (link.toObject().value(QLatin1String("id")).toInteger() != 0)
                own.append(link);
        }
        return kept(own,
                    {QStringLiteral("id"), QStringLiteral("created"), QStringLiteral("updated"),
                     QStringLiteral("circuit"), QStringLiteral("source_interface"),
                     QStringLiteral("destination_interface")});
    };
    type.save = [parts, caller](const QList<MigrationEntry> &entries, int, const MigrationSecrets &,
                                QList<MigrationProblem> &problems) {
        MigrationType::saveEach(
            QStringLiteral("link"), entries,
            [&](const QJsonArray &batch) { return parts->links.saveLinks(caller, batch); },
            problems);
        return Result<void>();
    };
    return type;
}

MigrationType pools(const std::shared_ptr<AutomationParts> &parts, const Identity &caller)
{
    MigrationType type{QStringLiteral("pool"), {Name}, {}, {}};
    type.read = [parts](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        const Result<QJsonArray> all = parts->pools.queryPools({});
        if (!all)
            return all.error();
        QList<QJsonObject> objects = kept(all.value(), {QStringLiteral("id")});
        // A pool's rules choose its members again wherever it is imported.
        for (QJsonObject &pool : objects) {
            if (!pool.value(QLatin1String("manually_defined")).toBool()) {
                pool.remove(QStringLiteral("devices"));
                pool.remove(QStringLiteral("links"));
            }
        }
        return objects;
    };
    type.save = [parts, caller](const QList<MigrationEntry> &entries, int, const MigrationSecrets &,
                                QList<MigrationProblem> &problems) {
        MigrationType::saveEach(
            QStringLiteral("pool"), entries,
            [&](const QJsonArray &batch) { return parts->pools.savePools(caller, batch); },
            problems);
        return Result<void>();
    };
    return type;
}

// What a service's secrets are sealed for: the service and where they are sent.
QString secretsOwner(const QJsonObject &service)
{
    return QStringLiteral("service %1 %2")
        .arg(service.value(Name).toString(), service.value(QLatin1String("rest_url")).toString());
}

// A workflow's steps must exist when it is saved: the other services first, then each workflow
// after the workflows among its steps.
QList<MigrationEntry> stepsFirst(const QList<MigrationEntry> &entries)
{
    QList<MigrationEntry> ordered;
    QList<MigrationEntry> workflows;
    for (const MigrationEntry &entry : entries) {
        if (entry.object.value(QLatin1String("type")).toString() == u"workflow")
            workflows.append(entry);
        else
            ordered.append(entry);
    }
    QSet<QString> pending;
    for (const MigrationEntry &workflow : workflows)
        pending.insert(workflow.object.value(Name).toString());
    while (!workflows.isEmpty()) {
        const auto ready = std::find_if(workflows.begin(), workflows.end(), [&](const auto &entry) {
            const QJsonArray steps = entry.object.value(QLatin1String("services")).toArray();
            return std::none_of(steps.begin(), steps.end(), [&](const QJsonValue &step) {
                return pending.contains(step.toString());
            });
        });
        // Workflows that contain each other are saved all the same, for their save to refuse.
        const auto next = ready == workflows.end() ? workflows.begin() : ready;
        pending.remove(next->object.value(Name).toString());
        ordered.append(*next);
        workflows.erase(next);
    }
    return ordered;
}

MigrationType services(const std::shared_ptr<AutomationParts> &parts, const Identity &caller)
{
    MigrationType type{QStringLiteral("service"), {Name, QStringLiteral("type")}, {}, {}};
    type.read = [parts](const MigrationSecrets &secrets) -> Result<QList<QJsonObject>> {
        const Result<QJsonArray> all = parts->services.queryServices(QStringLiteral("service"), {});
        if (!all)
            return all.error();
        QList<QJsonObject> objects = kept(all.value(), {QStringLiteral("id")});
        for (QJsonObject &service : objects) {
            const Result<QJsonObject> hidden =
                parts->services.exportedSecrets(service.value(Name).toString());
            if (!hidden)
                return hidden.error();
            // Header values are secrets: without a passphrase the headers stay behind whole,
            // never as masks an import could not fill in.
            if (secrets.carried())
                secrets.sealInto(service, hidden.value(), secretsOwner(service));
            else
                service.remove(QStringLiteral("headers"));
        }
        return objects;
    };
    type.save = [parts, caller](const QList<MigrationEntry> &entries, int,
                                const MigrationSecrets &secrets,
                                QList<MigrationProblem> &problems) {
        QList<MigrationEntry> toSave;
        for (MigrationEntry entry : stepsFirst(entries)) {
            const Result<QJsonObject> hidden =
                secrets.takeFrom(entry.object, secretsOwner(entry.object));
            if (!hidden) {
                problems.append({QStringLiteral("service.yaml"), entry.line,
                                 entry.object.value(Name).toString(),
                                 EnmsValues::reasonOf(hidden.error())});
                continue;
            }
            for (auto it = hidden->begin(); it != hidden->end(); ++it)
                entry.object.insert(it.key(), it.value());
            toSave.append(entry);
        }
        MigrationType::saveEach(
            QStringLiteral("service"), toSave,
            [&](const QJsonArray &batch) {
                return parts->services.saveServices(caller, QStringLiteral("service"), batch);
            },
            problems);
        return Result<void>();
    };
    return type;
}

MigrationType tasks(CoreServices &core, const std::shared_ptr<AutomationParts> &parts,
                    const Identity &caller)
{
    MigrationType type{QStringLiteral("task"), {Name, QStringLiteral("service")}, {}, {}};
    type.read = [parts](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        const Result<QJsonArray> all = parts->tasks.queryTasks({});
        if (!all)
            return all.error();
        // When it runs next and last is this server's history, not the task's.
        return kept(all.value(), {QStringLiteral("id"), QStringLiteral("next_run_time"),
                                  QStringLiteral("last_run_time"), QStringLiteral("last_runtime")});
    };
    // A task runs as whoever saved it: it is saved by its creator when they are a user here
    // (with their rights, never the importer's), else by the importer.
    type.save = [parts, caller, &core](const QList<MigrationEntry> &entries, int,
                                       const MigrationSecrets &,
                                       QList<MigrationProblem> &problems) {
        // Each creator looked up once.
        QHash<QString, Identity> runners;
        return MigrationType::saveEach(
            QStringLiteral("task"), entries,
            [&](QJsonObject object) -> Result<void> {
                const QString creator = object.take(QStringLiteral("creator")).toString();
                auto runner = runners.constFind(creator);
                if (runner == runners.cend()) {
                    const Result<User> user = core.users().userByUsername(creator);
                    runner = runners.insert(creator, user ? Identity{user.value()} : caller);
                }
                return MigrationType::savedAlone(parts->tasks.saveTasks(
                    runner.value(), QJsonArray{object}, TaskSchedule::PastStart::Taken));
            },
            problems);
    };
    return type;
}

} // namespace

QList<MigrationType> migrationAutomationTypes(CoreServices &core, const Identity &caller)
{
    const auto parts = std::make_shared<AutomationParts>(core);
    return {devices(core, parts, caller), links(parts, caller), pools(parts, caller),
            services(parts, caller), tasks(core, parts, caller)};
}

} // namespace Cairn
