#include "AutomationServices.h"

#include "DeviceNames.h"
#include "EnmsValues.h"
#include "ServiceTypes.h"
#include "UrlOrigin.h"
#include "auth/PermissionService.h"
#include "auth/ServerKey.h"
#include "inventory/DeviceService.h"

#include <QJsonDocument>
#include <QSet>

namespace Cairn {

namespace {

constexpr int MaxTargets = 1000;
// A workflow's size: beyond what anyone draws, small enough that checks stay instant.
constexpr int MaxSteps = 500;
constexpr int MaxEdges = 2000;
const QString WorkflowType = QStringLiteral("workflow");

// What a save may carry besides the type's settings.
const QStringList &ownFields()
{
    static const QStringList fields{QStringLiteral("name"),        QStringLiteral("new_name"),
                                    QStringLiteral("type"),        QStringLiteral("id"),
                                    QStringLiteral("description"), QStringLiteral("disabled"),
                                    QStringLiteral("devices"),     QStringLiteral("pools")};
    return fields;
}

// What a secret header's value is shown as; sent back, it keeps the value.
const QString Masked = QStringLiteral("********");

QJsonObject masked(const QJsonObject &headers)
{
    QJsonObject shown;
    for (auto it = headers.begin(); it != headers.end(); ++it)
        shown.insert(it.key(), Masked);
    return shown;
}

// The object as it may be echoed back: never with a secret.
QJsonValue withoutSecrets(QJsonValue object)
{
    if (!object.isObject())
        return object;
    QJsonObject fields = object.toObject();
    fields.remove(QStringLiteral("password"));
    if (fields.value(QStringLiteral("headers")).isObject())
        fields.insert(QStringLiteral("headers"),
                      masked(fields.value(QStringLiteral("headers")).toObject()));
    return fields;
}

Error notFound(const QString &type, const QString &name)
{
    return Error::notFound(QStringLiteral("%1 %2 not found.").arg(type, name));
}

} // namespace

AutomationServices::AutomationServices(Database &database, DeviceService &devices,
                                       PermissionService &permissions, const ServerKey &serverKey)
    : m_services(database)
    , m_pools(database)
    , m_devices(devices)
    , m_permissions(permissions)
    , m_sealer(serverKey.derive("services"))
{
}

Result<AutomationServices::PoolNames> AutomationServices::poolNames()
{
    const Result<QList<Pool>> pools = m_pools.list();
    if (!pools)
        return pools.error();
    PoolNames names;
    for (const Pool &pool : pools.value()) {
        names.names.insert(pool.id, pool.name);
        names.ids.insert(pool.name, pool.id);
    }
    return names;
}

Result<QList<QJsonObject>> AutomationServices::shown(const QList<Service> &services)
{
    const Result<PoolNames> pools = poolNames();
    if (!pools)
        return pools.error();
    // The names of every target of every service, in one query.
    QSet<qint64> targets;
    for (const Service &service : services)
        targets.unite(QSet<qint64>(service.deviceIds.cbegin(), service.deviceIds.cend()));
    QHash<qint64, QString> deviceNames;
    if (!targets.isEmpty()) {
        DeviceFilter filter;
        filter.ids = targets.values();
        filter.limit = int(targets.size());
        const Result<QList<Device>> devices = m_devices.list(filter);
        if (!devices)
            return devices.error();
        for (const Device &device : devices.value())
            deviceNames.insert(device.id, device.hostname);
    }
    QList<QJsonObject> objects;
    for (const Service &service : services) {
        QJsonObject json = service.settings;
        json.insert(QStringLiteral("id"), service.id);
        json.insert(QStringLiteral("name"), service.name);
        json.insert(QStringLiteral("type"), service.type);
        json.insert(QStringLiteral("description"), service.description);
        json.insert(QStringLiteral("disabled"), service.disabled);
        QJsonArray devices;
        for (const qint64 id : service.deviceIds)
            devices.append(deviceNames.value(id));
        json.insert(QStringLiteral("devices"), devices);
        QJsonArray poolList;
        for (const qint64 id : service.poolIds)
            poolList.append(pools->names.value(id));
        json.insert(QStringLiteral("pools"), poolList);
        objects << json;
    }
    const Result<void> graphs = showGraphs(services, objects);
    if (!graphs)
        return graphs.error();
    return objects;
}

Result<void> AutomationServices::showGraphs(const QList<Service> &services,
                                            QList<QJsonObject> &objects)
{
    if (std::none_of(services.cbegin(), services.cend(),
                     [](const Service &service) { return service.type == WorkflowType; }))
        return {};
    const Result<QList<Service>> all = m_services.list();
    if (!all)
        return all.error();
    QHash<qint64, QString> names;
    for (const Service &service : all.value())
        names.insert(service.id, service.name);
    for (qsizetype i = 0; i < services.size(); ++i) {
        const WorkflowGraph &graph = services.at(i).graph;
        if (services.at(i).type != WorkflowType)
            continue;
        QJsonArray steps;
        for (const qint64 id : graph.stepIds)
            steps.append(names.value(id));
        QJsonArray edges;
        for (const WorkflowEdge &edge : graph.edges)
            edges.append(QJsonObject{
                {QStringLiteral("subtype"), edge.subtype},
                {QStringLiteral("source"), edge.sourceId == WorkflowGraph::Start
                                               ? QStringLiteral("Start")
                                               : names.value(edge.sourceId)},
                {QStringLiteral("destination"), edge.destinationId == WorkflowGraph::End
                                                    ? QStringLiteral("End")
                                                    : names.value(edge.destinationId)}});
        objects[i].insert(QStringLiteral("services"), steps);
        objects[i].insert(QStringLiteral("edges"), edges);
    }
    return {};
}

Result<void> AutomationServices::applyGraph(Service &workflow, const QJsonObject &object)
{
    const Result<QList<Service>> all = m_services.list();
    if (!all)
        return all.error();
    QHash<QString, const Service *> byName;
    QHash<qint64, const Service *> byId;
    for (const Service &service : all.value()) {
        byName.insert(service.name, &service);
        byId.insert(service.id, &service);
    }
    const auto isSelf = [&workflow](const Service *service) {
        return (workflow.id != 0 && service->id == workflow.id) || service->name == workflow.name;
    };
    const QJsonValue steps = object.value(QStringLiteral("services"));
    if (!steps.isUndefined()) {
        const QString field = QStringLiteral("services");
        if (!steps.isArray() || steps.toArray().size() > MaxSteps)
            return Error::invalidField(
                field, QStringLiteral("A list of at most %1 service names.").arg(MaxSteps));
        workflow.graph.stepIds.clear();
        for (const QJsonValue step : steps.toArray()) {
            const Service *service = byName.value(step.toString());
            if (!service)
                return Error::invalidField(
                    field, QStringLiteral("No service named %1.").arg(step.toString()));
            if (isSelf(service))
                return Error::invalidField(
                    field, QStringLiteral("A workflow cannot be a step of itself."));
            if (!workflow.graph.stepIds.contains(service->id))
                workflow.graph.stepIds << service->id;
        }
    }
    const QJsonValue edges = object.value(QStringLiteral("edges"));
    if (!edges.isUndefined()) {
        const QString field = QStringLiteral("edges");
        if (!edges.isArray() || edges.toArray().size() > MaxEdges)
            return Error::invalidField(field,
                                       QStringLiteral("A list of at most %1 edges.").arg(MaxEdges));
        workflow.graph.edges.clear();
        for (const QJsonValue edge : edges.toArray()) {
            const QString source = edge[QLatin1String("source")].toString();
            const QString destination = edge[QLatin1String("destination")].toString();
            const Service *from = byName.value(source);
            const Service *to = byName.value(destination);
            if (!edge.isObject() || (source != u"Start" && !from) || (destination != u"End" && !to))
                return Error::invalidField(
                    field, QStringLiteral("Each edge is {subtype, source, destination}: Start, "
                                          "End or the name of a step (%1 -> %2 is not).")
                               .arg(source, destination));
            workflow.graph.edges << WorkflowEdge{edge[QLatin1String("subtype")].toString(),
                                                 from ? from->id : WorkflowGraph::Start,
                                                 to ? to->id : WorkflowGraph::End};
        }
    }
    Result<void> runnable = workflow.graph.check([&](qint64 id) {
        const Service *service = byId.value(id);
        return service ? service->name : QString::number(id);
    });
    if (!runnable)
        return runnable;
    // A nested workflow that leads back to this one would run forever: every workflow
    // reachable through the steps, each looked at once.
    QList<const Service *> pending;
    QSet<qint64> seen;
    for (const qint64 id : std::as_const(workflow.graph.stepIds))
        pending << byId.value(id);
    while (!pending.isEmpty()) {
        const Service *service = pending.takeLast();
        if (!service || service->type != WorkflowType || seen.contains(service->id))
            continue;
        seen.insert(service->id);
        for (const qint64 id : service->graph.stepIds) {
            const Service *step = byId.value(id);
            if (step && isSelf(step))
                return Error::invalidField(
                    QStringLiteral("services"),
                    QStringLiteral("%1 contains %2: a workflow cannot contain itself.")
                        .arg(service->name, workflow.name));
            pending << step;
        }
    }
    return {};
}

Result<Service> AutomationServices::found(const QString &type, const QString &name)
{
    const Result<std::optional<Service>> service = m_services.byName(name);
    if (!service)
        return service.error();
    const QString wanted = ServiceTypes::canonical(type);
    if (!service->has_value() || (!wanted.isEmpty() && service->value().type != wanted))
        return notFound(type, name);
    return service->value();
}

Result<QJsonObject> AutomationServices::service(const QString &type, const QString &name)
{
    const Result<Service> service = found(type, name);
    if (!service)
        return service.error();
    const Result<QList<QJsonObject>> objects = shown({service.value()});
    if (!objects)
        return objects.error();
    return objects->first();
}

Result<QJsonObject> AutomationServices::removeService(const Identity &caller, const QString &type,
                                                      const QString &name)
{
    const Result<void> allowed = m_permissions.require(caller, QString::fromLatin1(ObjectType),
                                                       std::nullopt, Action::Delete);
    if (!allowed)
        return allowed.error();
    const Result<Service> target = found(type, name);
    if (!target)
        return target.error();
    const Result<QStringList> users = m_services.workflowsUsing(target->id);
    if (!users)
        return users.error();
    if (!users->isEmpty())
        return Error::conflict(QStringLiteral("%1 is a step of %2: take it out first.")
                                   .arg(name, users->join(QLatin1String(", "))));
    Result<QJsonObject> before = service(type, name);
    if (!before)
        return before;
    const Result<void> removed = m_services.remove(target->id);
    if (!removed)
        return removed.error();
    return before;
}

Result<QList<qint64>> AutomationServices::deviceIds(const QJsonValue &names)
{
    if (!names.isArray())
        return Error::invalidField(QStringLiteral("devices"), QStringLiteral("A list of names."));
    // Each name is a lookup: bounded, and each looked up once.
    if (names.toArray().size() > MaxTargets)
        return Error::invalidField(
            QStringLiteral("devices"),
            QStringLiteral("At most %1 devices; target more through a pool.").arg(MaxTargets));
    QStringList given;
    for (const QJsonValue name : names.toArray()) {
        if (!name.isString() || name.toString().isEmpty())
            return Error::invalidField(QStringLiteral("devices"),
                                       QStringLiteral("A list of device names."));
        given << name.toString();
    }
    QStringList problems;
    const Result<QList<Device>> devices = DeviceNames::resolve(m_devices, given, problems);
    if (!devices)
        return devices.error();
    if (!problems.isEmpty())
        return Error::invalidField(QStringLiteral("devices"), problems.first());
    QList<qint64> ids;
    for (const Device &device : devices.value())
        ids << device.id;
    return ids;
}

Result<QString> AutomationServices::saveService(const Identity &caller, const QString &type,
                                                const QJsonValue &value, const PoolNames &pools)
{
    const Result<EnmsValues::Named> toSave = EnmsValues::namedObject(value);
    if (!toSave)
        return toSave.error();
    const QJsonObject &object = toSave->object;
    const QString &name = toSave->name;
    const Result<std::optional<Service>> existing = EnmsValues::existingToSave(
        m_permissions, caller, ObjectType, [&] { return m_services.byName(name); });
    if (!existing)
        return existing.error();

    // The type: the path's (unless it is `service`), which the object's may only repeat.
    const QString pathType = ServiceTypes::canonical(type);
    const QJsonValue bodyType = object.value(QStringLiteral("type"));
    const QString named = ServiceTypes::canonical(bodyType.toString());
    if (!bodyType.isUndefined() && (named.isEmpty() || (!pathType.isEmpty() && named != pathType)))
        return Error::invalidField(
            QStringLiteral("type"),
            pathType.isEmpty()
                ? QStringLiteral("One of %1.").arg(ServiceTypes::names().join(QLatin1String(", ")))
                : QStringLiteral("This path saves %1 services.").arg(pathType));
    const QString wanted = pathType.isEmpty() ? named : pathType;
    Service service = existing->value_or(Service{});
    if (existing->has_value()) {
        if (!wanted.isEmpty() && wanted != service.type)
            return Error::invalidField(QStringLiteral("type"),
                                       QStringLiteral("%1 is a %2; a service keeps its type.")
                                           .arg(service.name, service.type));
    } else {
        if (wanted.isEmpty())
            return Error::invalidField(
                QStringLiteral("type"),
                QStringLiteral("One of %1.").arg(ServiceTypes::names().join(QLatin1String(", "))));
        service.type = wanted;
        service.name = name;
    }
    const QString secret = ServiceTypes::secretOf(service.type);
    for (auto it = object.begin(); it != object.end(); ++it) {
        const bool graphField =
            service.type == WorkflowType && (it.key() == u"services" || it.key() == u"edges");
        if (!ownFields().contains(it.key()) && !ServiceTypes::hasSetting(service.type, it.key()) &&
            (secret.isEmpty() || it.key() != secret) && !graphField)
            return Error::invalidField(
                it.key(), QStringLiteral("A %1 has no such property.").arg(service.type));
    }
    const Result<void> texts = EnmsValues::stringsIn(object, {"new_name", "description"});
    if (!texts)
        return texts.error();
    if (object.contains(QStringLiteral("new_name")))
        service.name = object.value(QStringLiteral("new_name")).toString().trimmed();
    if (service.name.isEmpty())
        return Error::invalidField(QStringLiteral("new_name"), QStringLiteral("A name is needed."));
    // A workflow's graph names its ends so.
    if (service.name == u"Start" || service.name == u"End")
        return Error::invalidField(object.contains(QStringLiteral("new_name"))
                                       ? QStringLiteral("new_name")
                                       : QStringLiteral("name"),
                                   QStringLiteral("Start and End are the ends of every workflow."));
    if (object.contains(QStringLiteral("description")))
        service.description = object.value(QStringLiteral("description")).toString();
    const QJsonValue disabled = object.value(QStringLiteral("disabled"));
    if (!disabled.isUndefined() && !disabled.isBool())
        return Error::invalidField(QStringLiteral("disabled"), QStringLiteral("true or false."));
    service.disabled = disabled.toBool(service.disabled);
    const Result<QJsonObject> settings =
        ServiceTypes::apply(service.type, service.settings, object);
    if (!settings)
        return settings.error();
    const QString previousUrl = service.settings.value(QLatin1String("rest_url")).toString();
    service.settings = settings.value();
    if (!secret.isEmpty()) {
        const Result<void> sealed = sealSecrets(service, object, previousUrl);
        if (!sealed)
            return sealed.error();
    }
    if (object.contains(QStringLiteral("devices"))) {
        const Result<QList<qint64>> devices = deviceIds(object.value(QStringLiteral("devices")));
        if (!devices)
            return devices.error();
        service.deviceIds = devices.value();
    }
    if (object.contains(QStringLiteral("pools"))) {
        const QJsonValue names = object.value(QStringLiteral("pools"));
        if (!names.isArray())
            return Error::invalidField(QStringLiteral("pools"), QStringLiteral("A list of names."));
        service.poolIds.clear();
        for (const QJsonValue pool : names.toArray()) {
            if (!pools.ids.contains(pool.toString()))
                return Error::invalidField(
                    QStringLiteral("pools"),
                    QStringLiteral("No pool named %1.").arg(pool.toString()));
            service.poolIds << pools.ids.value(pool.toString());
        }
    }
    if (service.type == WorkflowType) {
        const Result<void> graph = applyGraph(service, object);
        if (!graph)
            return graph.error();
    }
    const Result<void> saved = m_services.save(service);
    if (!saved && saved.error().code == ErrorCode::Conflict)
        return Error::invalidField(QStringLiteral("new_name"),
                                   QStringLiteral("A service named %1 exists.").arg(service.name));
    if (!saved)
        return saved.error();
    return service.name;
}

Result<QJsonObject> AutomationServices::exportedSecrets(const QString &name)
{
    const Result<Service> service = found(QStringLiteral("service"), name);
    if (!service)
        return service.error();
    if (service->sealedSecret.isEmpty())
        return QJsonObject();
    const Result<QByteArray> opened = m_sealer.open(service->sealedSecret);
    if (!opened)
        return opened.error();
    return QJsonDocument::fromJson(opened.value()).object();
}

Result<void> AutomationServices::sealSecrets(Service &service, const QJsonObject &object,
                                             const QString &previousUrl)
{
    QJsonObject secrets;
    if (!service.sealedSecret.isEmpty()) {
        const Result<QByteArray> opened = m_sealer.open(service.sealedSecret);
        if (!opened)
            return opened.error();
        secrets = QJsonDocument::fromJson(opened.value()).object();
    }
    // null clears the password; an empty string (a form's masked field sent back) keeps it.
    const QString password = QStringLiteral("password");
    if (object.contains(password)) {
        const QJsonValue plain = object.value(password);
        if (!plain.isString() && !plain.isNull())
            return Error::invalidField(password, QStringLiteral("Not a valid string."));
        if (plain.isNull())
            secrets.remove(password);
        else if (!plain.toString().isEmpty())
            secrets.insert(password, plain);
    }
    // Headers carry API keys as often as not: their values are sealed, their names shown.
    const QString headers = QStringLiteral("headers");
    if (object.contains(headers)) {
        const QJsonObject given = object.value(headers).toObject();
        const QJsonObject before = secrets.value(headers).toObject();
        QJsonObject values;
        for (auto it = given.begin(); it != given.end(); ++it) {
            if (!it.value().isString())
                return Error::invalidField(headers, QStringLiteral("Each header's value is text."));
            const bool kept = it.value().toString() == Masked;
            if (kept && !before.contains(it.key()))
                return Error::invalidField(
                    headers, QStringLiteral("%1 has no value to keep.").arg(it.key()));
            values.insert(it.key(), kept ? before.value(it.key()) : it.value());
        }
        secrets.insert(headers, values);
        service.settings.insert(headers, masked(values));
    }
    // Secrets kept from before go only where they went before: whoever may change the service
    // must not redirect its password to a host of their own.
    const QString url = service.settings.value(QLatin1String("rest_url")).toString();
    if (!previousUrl.isEmpty() && UrlOrigin::moves(previousUrl, url)) {
        const bool passwordKept = secrets.contains(password) &&
                                  object.value(password).toString().isEmpty() &&
                                  !object.value(password).isNull();
        bool headerKept = !object.contains(headers) && secrets.contains(headers) &&
                          !secrets.value(headers).toObject().isEmpty();
        const QJsonObject given = object.value(headers).toObject();
        for (auto it = given.begin(); it != given.end(); ++it)
            headerKept = headerKept || it.value().toString() == Masked;
        if (passwordKept || headerKept)
            return Error::invalidField(
                QStringLiteral("rest_url"),
                QStringLiteral("A new host gets no secret of the old one: give the password and "
                               "the header values again (or null to drop them)."));
    }
    service.sealedSecret =
        secrets.isEmpty() ? QString()
                          : m_sealer.seal(QJsonDocument(secrets).toJson(QJsonDocument::Compact));
    return {};
}

SaveReport AutomationServices::saveServices(const Identity &caller, const QString &type,
                                            const QJsonArray &objects)
{
    const Result<PoolNames> pools = poolNames();
    SaveReport report;
    for (const QJsonValue object : objects) {
        const Result<QString> saved =
            pools ? saveService(caller, type, object, pools.value()) : pools.error();
        if (saved)
            report.success << saved.value();
        else
            report.failure.append(
                QJsonArray{withoutSecrets(object), EnmsValues::reasonOf(saved.error())});
    }
    return report;
}

Result<QJsonArray> AutomationServices::queryServices(const QString &type,
                                                     const QList<QPair<QString, QString>> &equal)
{
    const Result<QList<Service>> services = m_services.list();
    if (!services)
        return services.error();
    const QString wanted = ServiceTypes::canonical(type);
    QList<Service> ofType;
    for (const Service &service : services.value()) {
        if (wanted.isEmpty() || service.type == wanted)
            ofType << service;
    }
    const Result<QList<QJsonObject>> objects = shown(ofType);
    if (!objects)
        return objects.error();
    QSet<QString> known{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("type"),
                        QStringLiteral("description"), QStringLiteral("disabled")};
    for (const QJsonObject &object : objects.value()) {
        for (const QString &key : object.keys())
            known.insert(key);
    }
    return EnmsValues::matching(objects.value(), known, equal);
}

} // namespace Cairn
