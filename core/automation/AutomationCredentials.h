#pragma once

#include "CredentialPoolRepository.h"
#include "PoolRepository.h"
#include "Result.h"
#include "SaveReport.h"
#include "auth/Identity.h"
#include "inventory/Device.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace Cairn {

class AutomationPools;
class CredentialSetService;
class Database;

// eNMS's credentials: the toolkit's credential sets (each operator's own, secrets sealed),
// bound to device pools with a priority. A service that names no `credentials` logs in to each
// device with its runner's set of highest priority among those bound to a pool holding it.
class AutomationCredentials
{
public:
    AutomationCredentials(Database &database, CredentialSetService &sets, AutomationPools &pools)
        : m_bindings(database)
        , m_pools(database)
        , m_sets(sets)
        , m_poolMembers(pools)
    {
    }

    // {name, device_pools: [pool names], priority, and the set's own fields (description,
    // username, password | private_key, key_passphrase, enable_password, platforms)}: the
    // caller's set of that name updated, or made when new.
    SaveReport saveCredentials(const Identity &caller, const QJsonArray &objects);
    // The caller's own set, never a secret.
    Result<QJsonObject> credential(const Identity &caller, const QString &name);
    Result<QJsonObject> removeCredential(const Identity &caller, const QString &name);
    Result<QJsonArray> queryCredentials(const Identity &caller,
                                        const QList<QPair<QString, QString>> &equal);
    // Device id -> the name of the set the caller logs in to it with, for those of `devices`
    // in a pool one of the caller's sets is bound to.
    Result<QHash<qint64, QString>> chosenFor(const Identity &caller, const QList<Device> &devices);

    static constexpr int MaxPriority = 1000000;
    static constexpr int MaxPools = 100;

private:
    Result<QString> saveCredential(const Identity &caller, const QJsonValue &value);
    // The caller's own binding named `name`, if any.
    Result<std::optional<CredentialPoolRepository::Binding>> own(const Identity &caller,
                                                                 const QString &name);
    // `pools`: every pool, for the names of those the set is bound to.
    Result<QJsonObject> shown(const Identity &caller, const CredentialPoolRepository::Binding &set,
                              const QList<Pool> &pools);

    CredentialPoolRepository m_bindings;
    PoolRepository m_pools;
    CredentialSetService &m_sets;
    AutomationPools &m_poolMembers;
};

} // namespace Cairn
