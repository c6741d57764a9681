#include "RunWork.h"

#include "RunRepository.h"
#include "ServiceRepository.h"
#include "auth/UserRepository.h"
#include "inventory/BulkItems.h"
#include "inventory/DeviceService.h"

#include <QJsonArray>

namespace Cairn {

namespace {

QJsonArray idsOf(const QList<Device> &devices)
{
    QJsonArray ids;
    for (const Device &device : devices)
        ids << device.id;
    return ids;
}

QList<qint64> idList(const QJsonValue &ids)
{
    QList<qint64> list;
    for (const QJsonValue id : ids.toArray())
        list << id.toInteger();
    return list;
}

// The devices of `ids` that still exist, in that order; the hostnames `named` gives those gone
// (parallel to `ids`) land in `gone`.
Result<QList<Device>> devicesOf(DeviceService &devices, const QList<qint64> &ids,
                                const QStringList &named, QStringList &gone)
{
    QHash<qint64, Device> found;
    for (qsizetype start = 0; start < ids.size(); start += BulkItems::IdsPerQuery) {
        DeviceFilter filter;
        filter.ids = ids.mid(start, BulkItems::IdsPerQuery);
        filter.limit = int(filter.ids->size());
        const Result<QList<Device>> batch = devices.list(filter);
        if (!batch)
            return batch.error();
        for (const Device &device : batch.value())
            found.insert(device.id, device);
    }
    QList<Device> ordered;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const auto device = found.constFind(ids.at(i));
        if (device != found.cend())
            ordered << device.value();
        else
            gone << (i < named.size() ? named.at(i) : QStringLiteral("#%1").arg(ids.at(i)));
    }
    return ordered;
}

} // namespace

QJsonObject RunWork::of(const Identity &caller, const RunOrder &order, const ServiceRun &run)
{
    return {{QStringLiteral("run_id"), run.id},
            {QStringLiteral("user_id"), caller.user.id},
            {QStringLiteral("service_id"), order.service.id},
            {QStringLiteral("devices"), idsOf(order.devices)},
            {QStringLiteral("payload"), order.payload},
            {QStringLiteral("trigger"), order.trigger},
            {QStringLiteral("problems"), QJsonArray::fromStringList(order.problems)}};
}

qint64 RunWork::runId(const QJsonObject &work)
{
    return work.value(QLatin1String("run_id")).toInteger();
}

Result<RunWork::Loaded> RunWork::load(Database &database, DeviceService &devices,
                                      const QJsonObject &work)
{
    Loaded loaded;
    const Result<std::optional<ServiceRun>> run = RunRepository(database).find(runId(work));
    if (!run)
        return run.error();
    if (!run->has_value())
        return Error::notFound(QStringLiteral("The run was deleted before it started."));
    loaded.run = run->value();

    const Result<std::optional<StoredUser>> user =
        UserRepository(database).findById(work.value(QLatin1String("user_id")).toInteger());
    if (!user)
        return user.error();
    if (!user->has_value() || !user->value().user.isActive)
        return Error::forbidden(
            QStringLiteral("%1 may no longer run services.").arg(loaded.run.creator));
    loaded.caller.user = user->value().user;

    RunOrder &order = loaded.order;
    const Result<std::optional<Service>> service =
        ServiceRepository(database).byId(work.value(QLatin1String("service_id")).toInteger());
    if (!service)
        return service.error();
    if (!service->has_value())
        return Error::notFound(QStringLiteral("The service %1 was deleted before the run started.")
                                   .arg(loaded.run.serviceName));
    order.service = service->value();
    QStringList gone;
    Result<QList<Device>> targets =
        devicesOf(devices, idList(work.value(QLatin1String("devices"))), loaded.run.targets, gone);
    if (!targets)
        return targets.error();
    order.devices = std::move(targets).value();
    order.payload = work.value(QLatin1String("payload")).toObject();
    order.trigger = work.value(QLatin1String("trigger")).toString();
    for (const QJsonValue problem : work.value(QLatin1String("problems")).toArray())
        order.problems << problem.toString();
    if (!gone.isEmpty())
        order.problems << QStringLiteral("Deleted before the run started: %1.")
                              .arg(gone.join(QLatin1String(", ")));
    return loaded;
}

} // namespace Cairn
