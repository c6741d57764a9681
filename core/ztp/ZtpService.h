#pragma once

#include "FileDigests.h"
#include "NeighborDb.h"
#include "ParsedTextCache.h"
#include "Pattern.h"
#include "Result.h"
#include "ZtpDataRoot.h"
#include "ZtpInventory.h"
#include "ZtpNodeFiles.h"
#include "ZtpNodeRecord.h"
#include "ZtpNodeRepository.h"
#include "ZtpSettings.h"
#include "jobs/SerialWorker.h"
#include "net/AddressRateLimiter.h"

#include <QJsonObject>
#include <QMutex>
#include <QThreadPool>
#include <atomic>
#include <memory>

namespace Cairn {

class Database;
class PermissionService;
struct Identity;

// The zero-touch provisioning server over a ZTPServer data_root: registers bootstrapping
// switches against the neighbordb, serves their definitions (with $attributes and
// allocate() resolved), scripts, files and metadata, keeps their startup-configs and runs
// their config-handlers. Every node also becomes an inventory device.
class ZtpService
{
public:
    static constexpr const char *ObjectType = "ztp_node";

    ZtpService(Database &database, PermissionService &permissions, ZtpInventory &inventory,
               ZtpSettings settings);

    const ZtpSettings &settings() const { return m_settings; }
    const ZtpDataRoot &dataRoot() const { return m_root; }
    // Lays out the data_root with the shipped defaults; run once before serving.
    Result<void> prepare() const;
    // Adds to the inventory the matched nodes a stopped server answered but had not made
    // devices of yet (their records and files were saved before the answer; devices follow).
    void resumeInventory();

    struct Registration
    {
        // false: the node was known (409).
        bool created = false;
        QString nodeId;
    };
    // POST /nodes: 400 for bad facts or no matching pattern, Conflict-free "known" otherwise.
    Result<Registration> registerNode(const QByteArray &body, const QString &address);
    // Registrations answered since start: new nodes, known ones, and refused (bad facts, no
    // pattern, too many from one address).
    struct RegistrationCounts
    {
        qint64 created = 0;
        qint64 known = 0;
        qint64 refused = 0;
    };
    RegistrationCounts registrationCounts() const;
    Result<QJsonObject> definition(const QString &nodeId, const QString &address);
    Result<void> storeStartupConfig(const QString &nodeId, const QByteArray &config,
                                    const QString &address);
    Result<QByteArray> startupConfig(const QString &nodeId);
    Result<QByteArray> bootstrapScript() const;
    Result<QJsonObject> bootstrapConfig() const;
    Result<QByteArray> action(const QString &name, const QString &address);
    // The path of a regular file under files/, actions/ or nodes/ (NotFound otherwise).
    Result<QString> servedFile(const QString &folder, const QString &relative) const;
    Result<QJsonObject> meta(const QString &folder, const QString &relative);

    // The current neighbordb, read again whenever the file changes.
    std::shared_ptr<const NeighborDb> neighborDb();
    // What operators see (the API and GUI): `view` on type ObjectType.
    Result<std::shared_ptr<const NeighborDb>> neighborDb(const Identity &caller);
    Result<QList<ZtpNodeRecord>> nodes(const Identity &caller);
    Result<ZtpNodeRecord> node(const Identity &caller, const QString &nodeId);
    // Blocks until every config-handler started has ended and every node record and
    // inventory change asked for so far is written.
    void waitForRecords();

private:
    Result<QString> nodeFolder(const QString &nodeId) const;
    // TooManyRequests once the address has used its writes of the minute.
    Result<void> mayWrite(const QString &address);
    // Serialises what one node's requests write: registration and startup-config uploads.
    QMutex &nodeLock(const QString &nodeId);
    // The files of a node that matched `pattern`: its definition and pattern as they are now,
    // the config-handler, the facts.
    Result<QList<ZtpNodeFiles::File>> matchedNodeFiles(const ZtpNode &node, const Pattern &pattern);
    Error unregisteredNode(const QString &nodeId);
    // The node's record, written before the answer, and its inventory device when it matched
    // a pattern, written after it. Nodes nothing matched and nodes with a static
    // startup-config only vouch for themselves: they are listed, never added to the inventory.
    void remember(const ZtpNode &node, const QString &nodeId, const QString &status,
                  const QString &address, const Pattern *pattern, bool updatesInventory);
    // Queues the node's device write; it reads the node's facts from its folder when it runs.
    void queueDeviceWrite(const QString &nodeId, const QString &address);
    void recordDevice(const ZtpNode &node, const QString &nodeId, const QString &address);
    Result<QJsonObject> storedDefinition(const QString &folder, const QString &nodeId) const;
    void runConfigHandler(const QString &folder, const QString &nodeId);
    // Database writes run on one thread: switches registering at once do not queue on the
    // database's write lock. The records registrations wait for before they answer go first;
    // then what follows answers (inventory devices, progress, statuses) in the order asked
    // for, so a node's story is written as it happened. Progress counters are dropped under a
    // flood.
    enum class Write
    {
        Answered,
        AfterAnswers,
        Progress
    };
    void writeLater(Write kind, std::function<void()> write);

    ZtpSettings m_settings;
    ZtpDataRoot m_root;
    ZtpNodeRepository m_nodes;
    PermissionService &m_permissions;
    Result<Registration> registration(const QByteArray &body, const QString &address);

    ZtpInventory &m_inventory;
    QMutex m_neighborDbLock;
    std::shared_ptr<const NeighborDb> m_neighborDb;
    QString m_neighborDbStamp;
    // One registration per node at a time; different nodes in parallel.
    QMutex m_registrationLocks[32];
    FileDigests m_digests;
    static constexpr qsizetype ParsedTextCacheBytes = 4 * 1024 * 1024;
    ParsedTextCache<QJsonObject> m_parsedDefinitions{ParsedTextCacheBytes};
    ParsedTextCache<Pattern> m_storedPatterns{ParsedTextCacheBytes};
    // Registrations and startup-config uploads (which run config-handlers) per address.
    AddressRateLimiter m_writesPerAddress;
    std::atomic<qint64> m_created{0};
    std::atomic<qint64> m_known{0};
    std::atomic<qint64> m_refused{0};
    static constexpr int MaxPendingProgressWrites = 10000;
    // Destroyed first, the handlers before the writer, each waiting for its work: a handler's
    // end is recorded through the writer, whose writes use everything above.
    SerialWorker m_recordWriter{QStringLiteral("ZTP records"), 2};
    QThreadPool m_configHandlers;
};

} // namespace Cairn
