#pragma once

#include "PoolRepository.h"
#include "Result.h"
#include "SaveReport.h"
#include "ServiceRepository.h"
#include "auth/Identity.h"
#include "auth/Sealer.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace Cairn {

class DeviceService;
class PermissionService;
class ServerKey;

// eNMS services: saved by name with their type's settings checked (ServiceTypes), their
// targets (`devices`, `pools`) by name, a REST call's password and header values sealed and
// never shown (header names are, with masked values).
// Making, changing and deleting one need `add`, `change` and `delete` on the service type;
// reading, to be signed in.
class AutomationServices
{
public:
    static constexpr const char *ObjectType = "service";

    AutomationServices(Database &database, DeviceService &devices, PermissionService &permissions,
                       const ServerKey &serverKey);

    // `type` narrows to one service type (or its eNMS alias); "service" is every type.
    Result<QJsonObject> service(const QString &type, const QString &name);
    Result<QJsonObject> removeService(const Identity &caller, const QString &type,
                                      const QString &name);
    // Each on its own: a new one needs `type` (or is saved through its type's path), an
    // existing one keeps its type; `new_name` renames. A refused object is answered without
    // its password.
    SaveReport saveServices(const Identity &caller, const QString &type, const QJsonArray &objects);
    Result<QJsonArray> queryServices(const QString &type,
                                     const QList<QPair<QString, QString>> &equal);

    // For a migration project, to be sealed under its passphrase: the service's password and
    // header values ({password, headers}; empty when it has none).
    Result<QJsonObject> exportedSecrets(const QString &name);

private:
    // Pool names by id and ids by name, read once per request (pools are few).
    struct PoolNames
    {
        QHash<qint64, QString> names;
        QHash<QString, qint64> ids;
    };
    Result<PoolNames> poolNames();
    // As eNMS shows them, targets by name (read once for all).
    Result<QList<QJsonObject>> shown(const QList<Service> &services);
    Result<Service> found(const QString &type, const QString &name);
    // The devices `names` (a JSON array) stands for; a 400 on `devices` names the first unknown
    // one, or one that several sites have.
    Result<QList<qint64>> deviceIds(const QJsonValue &names);
    Result<QString> saveService(const Identity &caller, const QString &type,
                                const QJsonValue &object, const PoolNames &pools);
    // A workflow's `services` (step names) and `edges` ({subtype, source, destination} by
    // name, Start and End for its ends), checked as a graph that can run and that never
    // contains the workflow itself, however deep.
    Result<void> applyGraph(Service &workflow, const QJsonObject &object);
    // Step and edge names of the workflows among `services` (one read of the services).
    Result<void> showGraphs(const QList<Service> &services, QList<QJsonObject> &objects);
    // A REST call's password and header values, sealed together as JSON (`sealedSecret`); the
    // settings keep the header names with masked values.
    // A new `rest_url` host needs them given again (`previousUrl`: the URL they were for).
    Result<void> sealSecrets(Service &service, const QJsonObject &object,
                             const QString &previousUrl);

    ServiceRepository m_services;
    PoolRepository m_pools;
    DeviceService &m_devices;
    PermissionService &m_permissions;
    Sealer m_sealer;
};

} // namespace Cairn
