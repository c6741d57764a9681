#include "ZtpService.h"

#include "BootstrapScript.h"
#include "ConfigHandler.h"
#include "DefinitionResolver.h"
#include "PatternReader.h"
#include "ResourceFunctions.h"
#include "YamlJson.h"
#include "auth/PermissionService.h"
#include "jobs/PoolTask.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <future>

Q_LOGGING_CATEGORY(lcZtp, "cairn.ztp")

namespace Cairn {

namespace {

const QString NodeFacts = QStringLiteral(".node");
const QString DefinitionFile = QStringLiteral("definition");
const QString PatternFile = QStringLiteral("pattern");
const QString StartupConfigFile = QStringLiteral("startup-config");
const QString AttributesFile = QStringLiteral("attributes");
const QString ConfigHandlerFile = QStringLiteral("config-handler");
// Why a node is refused, in its answer and in its record.
constexpr const char *NoPatternMatched =
    "No pattern in the neighbordb matches its facts and LLDP neighbors.";

QString inFolder(const QString &folder, const QString &name)
{
    return folder + QLatin1Char('/') + name;
}

// Device writes waiting behind the answers, at most: each holds a node id and an address.
constexpr qsizetype MaxQueuedDeviceWrites = 100000;

// A node's facts as its folder holds them; facts copied from another node's folder are not
// this node's.
std::optional<ZtpNode> storedFacts(const ZtpDataRoot &root, ZtpIdentifier identifier,
                                   const QString &nodeId)
{
    const std::optional<QString> folder = root.nodeFolder(nodeId);
    const Result<QByteArray> facts = folder ? ZtpNodeFiles::read(*folder, NodeFacts)
                                            : Result<QByteArray>(Error::notFound(QString()));
    Result<ZtpNode> node =
        facts ? ZtpNode::fromJson(facts.value(), identifier) : Result<ZtpNode>(facts.error());
    if (!node || node->id(identifier) != nodeId) {
        qCWarning(lcZtp).noquote() << "node" << nodeId << "has no readable facts";
        return std::nullopt;
    }
    return std::move(node).value();
}

QJsonArray actionsOf(const QJsonObject &definition)
{
    return definition.value(QStringLiteral("actions")).toArray();
}

} // namespace

ZtpService::ZtpService(Database &database, PermissionService &permissions, ZtpInventory &inventory,
                       ZtpSettings settings)
    : m_settings(std::move(settings))
    , m_root(m_settings.dataRoot)
    , m_nodes(database)
    , m_permissions(permissions)
    , m_inventory(inventory)
    , m_writesPerAddress(m_settings.registrationsPerMinute)
{
    m_configHandlers.setMaxThreadCount(4);
}

Result<void> ZtpService::prepare() const
{
    return m_root.prepare();
}

std::shared_ptr<const NeighborDb> ZtpService::neighborDb()
{
    const QFileInfo file(m_root.file(QStringLiteral("neighbordb")));
    const QString stamp = QStringLiteral("%1/%2/%3")
                              .arg(file.exists())
                              .arg(file.lastModified().toMSecsSinceEpoch())
                              .arg(file.size());
    const QMutexLocker locker(&m_neighborDbLock);
    if (m_neighborDb && stamp == m_neighborDbStamp)
        return m_neighborDb;
    const Result<QByteArray> text = ZtpDataRoot::read(file.filePath());
    auto db = std::make_shared<NeighborDb>(
        NeighborDb::parse(text ? text.value() : QByteArray(), m_settings.identifier));
    for (const NeighborDbProblem &problem : db->problems())
        qCWarning(lcZtp).noquote() << "neighbordb refused:" << problem.toString();
    for (const QString &notice : db->notices())
        qCWarning(lcZtp).noquote() << "neighbordb:" << notice;
    if (db->isValid())
        qCInfo(lcZtp) << "neighbordb loaded:" << db->nodePatterns().size() << "node-specific and"
                      << db->globalPatterns().size() << "global patterns";
    m_neighborDb = db;
    m_neighborDbStamp = stamp;
    return m_neighborDb;
}

QMutex &ZtpService::nodeLock(const QString &nodeId)
{
    return m_registrationLocks[qHash(nodeId) % std::size(m_registrationLocks)];
}

Result<QString> ZtpService::nodeFolder(const QString &nodeId) const
{
    const std::optional<QString> folder = m_root.nodeFolder(nodeId);
    if (!folder)
        return Error::invalidField(QStringLiteral("node"),
                                   QStringLiteral("%1 is not a usable node id").arg(nodeId));
    return *folder;
}

void ZtpService::remember(const ZtpNode &node, const QString &nodeId, const QString &status,
                          const QString &address, const Pattern *pattern, bool updatesInventory)
{
    ZtpNodeRecord record;
    record.nodeId = nodeId;
    record.serialNumber = node.serialNumber;
    record.systemMac = node.systemMac;
    record.model = node.model;
    record.version = node.version;
    record.status = status;
    record.lastAddress = address;
    if (status == QLatin1String("refused"))
        record.lastError = QString::fromLatin1(NoPatternMatched);
    if (pattern) {
        record.pattern = pattern->name;
        record.definition = pattern->definition;
    }
    writeLater(Write::Answered, [this, record, updatesInventory] {
        (void)m_nodes.upsert(record, updatesInventory);
    });
    if (updatesInventory)
        queueDeviceWrite(nodeId, address);
}

void ZtpService::queueDeviceWrite(const QString &nodeId, const QString &address)
{
    // A backlog this long is left in the database (inventory_pending) for the next start.
    if (m_recordWriter.pending() >= MaxQueuedDeviceWrites)
        return;
    writeLater(Write::AfterAnswers, [this, nodeId, address] {
        // The facts as they are on disk when the device is written: small while queued, and
        // the latest when the node registered again meanwhile.
        const std::optional<ZtpNode> node = storedFacts(m_root, m_settings.identifier, nodeId);
        if (node)
            recordDevice(*node, nodeId, address);
    });
}

void ZtpService::recordDevice(const ZtpNode &node, const QString &nodeId, const QString &address)
{
    const Result<ZtpNodeRecord> known = m_nodes.byNodeId(nodeId);
    const auto isNodeDevice = [this](qint64 deviceId) {
        const Result<bool> owned = m_nodes.isNodeDevice(deviceId);
        return owned && owned.value();
    };
    const Result<qint64> device =
        known ? m_inventory.upsert(node, nodeId, address, known->deviceId, isNodeDevice)
              : Result<qint64>(known.error());
    const Result<void> linked =
        device ? m_nodes.setDevice(nodeId, device.value()) : Result<void>(device.error());
    if (!linked)
        qCWarning(lcZtp).noquote() << "node" << nodeId << "not recorded:" << linked.error().message;
}

void ZtpService::resumeInventory()
{
    const Result<QList<ZtpNodeRecord>> waiting = m_nodes.inventoryPending();
    if (!waiting) {
        qCWarning(lcZtp).noquote() << "nodes without devices not read:" << waiting.error().message;
        return;
    }
    for (const ZtpNodeRecord &record : waiting.value())
        queueDeviceWrite(record.nodeId, record.lastAddress);
}

Result<void> ZtpService::mayWrite(const QString &address)
{
    if (m_writesPerAddress.take(address))
        return {};
    return Error{ErrorCode::TooManyRequests,
                 QStringLiteral("Too many registrations and uploads from %1; try again in a "
                                "minute.")
                     .arg(address)};
}

void ZtpService::writeLater(Write kind, std::function<void()> write)
{
    // Under a flood, progress counters are the first thing to give up, never a registration.
    if (kind == Write::Progress && m_recordWriter.pending() > MaxPendingProgressWrites)
        return;
    // Registrations wait for their records (registerNode), so those go ahead of what follows
    // answers. A node's device is written after its record, which is queued first in the class
    // that goes first; its progress and statuses are asked for after its registration was
    // answered, so they follow its record and its device, in order.
    m_recordWriter.post(kind == Write::Answered ? 1 : 0, std::move(write));
}

void ZtpService::waitForRecords()
{
    m_configHandlers.waitForDone();
    m_recordWriter.waitForDone();
}

Result<QList<ZtpNodeFiles::File>> ZtpService::matchedNodeFiles(const ZtpNode &node,
                                                               const Pattern &pattern)
{
    const std::optional<QString> definitionPath =
        m_root.path(QStringLiteral("definitions"), pattern.definition);
    if (!definitionPath)
        return Error::badRequest(
            QStringLiteral("Pattern %1 names definition %2 outside definitions/.")
                .arg(pattern.name, pattern.definition));
    Result<QByteArray> definition = ZtpDataRoot::read(*definitionPath);
    if (!definition)
        return Error::badRequest(QStringLiteral("Pattern %1: definition %2 is missing.")
                                     .arg(pattern.name, pattern.definition));
    Result<QJsonObject> parsed = m_parsedDefinitions.get(definition.value(), [&] {
        return yamlObject(definition.value(),
                          QStringLiteral("Definition %1").arg(pattern.definition));
    });
    if (!parsed)
        return parsed.error();
    if (!parsed->value(QStringLiteral("actions")).isArray())
        return Error::badRequest(
            QStringLiteral("Definition %1 needs a list of actions.").arg(pattern.definition));
    QList<ZtpNodeFiles::File> files{{PatternFile, pattern.source}};
    if (!pattern.configHandler.isEmpty()) {
        const std::optional<QString> handler =
            m_root.path(QStringLiteral("config-handlers"), pattern.configHandler);
        Result<QByteArray> script =
            handler ? ZtpDataRoot::read(*handler) : Result<QByteArray>(Error::notFound(QString()));
        if (!script)
            return Error::badRequest(QStringLiteral("Pattern %1: config-handler %2 is missing.")
                                         .arg(pattern.name, pattern.configHandler));
        files.append({ConfigHandlerFile, script.value(), true});
    }
    files.append({NodeFacts, node.toStoredJson()});
    // Last: a definition says the node matched (a registration again only refreshes its
    // facts), so it is written only once everything else of the match is on disk.
    files.append({DefinitionFile, definition.value()});
    return files;
}

Result<ZtpService::Registration> ZtpService::registerNode(const QByteArray &body,
                                                          const QString &address)
{
    Result<Registration> answered = registration(body, address);
    ++(answered ? (answered->created ? m_created : m_known) : m_refused);
    // The answer says the node is saved: its files are written, and it waits for the writer to
    // reach a mark queued after its record (one thread, records in order), so a server killed
    // right after answering still has them (CrashConsistencyTest). The record is still written
    // on the writer's thread, so registrations do not queue on the database's write lock.
    // A refused registration promises nothing: it does not wait behind others' writes.
    if (answered) {
        std::promise<void> marked;
        std::future<void> reached = marked.get_future();
        writeLater(Write::Answered, [&marked] { marked.set_value(); });
        reached.wait();
    }
    return answered;
}

ZtpService::RegistrationCounts ZtpService::registrationCounts() const
{
    return {m_created.load(), m_known.load(), m_refused.load()};
}

Result<ZtpService::Registration> ZtpService::registration(const QByteArray &body,
                                                          const QString &address)
{
    const Result<void> allowed = mayWrite(address);
    if (!allowed)
        return allowed.error();
    Result<ZtpNode> parsed = ZtpNode::fromJson(body, m_settings.identifier);
    if (!parsed)
        return parsed.error();
    const ZtpNode &node = parsed.value();
    const QString nodeId = node.id(m_settings.identifier);
    Result<QString> folder = nodeFolder(nodeId);
    if (!folder)
        return folder.error();
    const QMutexLocker locker(&nodeLock(nodeId));
    const bool matchedBefore = ZtpNodeFiles::exists(folder.value(), DefinitionFile);
    if (matchedBefore || ZtpNodeFiles::exists(folder.value(), StartupConfigFile)) {
        const Result<void> written =
            ZtpNodeFiles::write(folder.value(), {{NodeFacts, node.toStoredJson()}});
        if (!written)
            return written.error();
        remember(node, nodeId, QStringLiteral("registered"), address, nullptr, matchedBefore);
        return Registration{false, nodeId};
    }
    if (node.config) {
        const Result<void> written =
            ZtpNodeFiles::write(folder.value(), {{StartupConfigFile, node.config->toUtf8()},
                                                 {NodeFacts, node.toStoredJson()}});
        if (!written)
            return written.error();
        remember(node, nodeId, QStringLiteral("registered"), address, nullptr, false);
        return Registration{true, nodeId};
    }
    const std::shared_ptr<const NeighborDb> db = neighborDb();
    if (!db->isValid())
        return Error::badRequest(QStringLiteral("The neighbordb is invalid (%1 problems); no "
                                                "node is matched until it is fixed.")
                                     .arg(db->problems().size()));
    const Pattern *pattern = db->match(node, nodeId);
    if (!pattern) {
        remember(node, nodeId, QStringLiteral("refused"), address, nullptr, false);
        return Error::badRequest(
            QStringLiteral("Node %1: %2").arg(nodeId, QString::fromLatin1(NoPatternMatched)));
    }
    const Result<QList<ZtpNodeFiles::File>> files = matchedNodeFiles(node, *pattern);
    if (!files) {
        qCWarning(lcZtp).noquote() << "node" << nodeId << files.error().message;
        return files.error();
    }
    const Result<void> written = ZtpNodeFiles::write(folder.value(), files.value());
    if (!written)
        return written.error();
    qCInfo(lcZtp).noquote() << "node" << nodeId << "matched pattern" << pattern->name
                            << "-> definition" << pattern->definition;
    remember(node, nodeId, QStringLiteral("registered"), address, pattern, true);
    return Registration{true, nodeId};
}

Result<QJsonObject> ZtpService::storedDefinition(const QString &folder, const QString &nodeId) const
{
    const Result<QByteArray> definition = ZtpNodeFiles::read(folder, DefinitionFile);
    const bool hasDefinition = definition.ok();
    QJsonObject stored;
    if (hasDefinition) {
        Result<QJsonObject> read = m_parsedDefinitions.get(definition.value(), [&] {
            return yamlObject(definition.value(), QStringLiteral("The definition"));
        });
        if (!read)
            return read.error();
        stored = read.value();
    }
    if (!ZtpNodeFiles::exists(folder, StartupConfigFile)) {
        if (!hasDefinition)
            return Error::badRequest(
                QStringLiteral("Node %1 has neither a definition nor a startup-config.")
                    .arg(nodeId));
        return stored;
    }
    // A node with a static startup-config gets it, plus the actions that always run.
    QString url = m_settings.serverUrl;
    if (!url.endsWith(QLatin1Char('/')))
        url += QLatin1Char('/');
    QJsonArray actions{QJsonObject{
        {QStringLiteral("name"), QStringLiteral("install static startup-config file")},
        {QStringLiteral("action"), QStringLiteral("replace_config")},
        {QStringLiteral("always_execute"), true},
        {QStringLiteral("attributes"),
         QJsonObject{{QStringLiteral("url"),
                      QString(url + QStringLiteral("nodes/%1/startup-config").arg(nodeId))}}}}};
    for (const auto &action : actionsOf(stored))
        if (action.toObject().value(QStringLiteral("always_execute")).toBool())
            actions.append(action);
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("Autogenerated definition")},
                       {QStringLiteral("actions"), actions}};
}

// A node without stored facts never registered, or was refused when it did (its record says
// why); the switch's log should say which.
Error ZtpService::unregisteredNode(const QString &nodeId)
{
    const Result<ZtpNodeRecord> record = m_nodes.byNodeId(nodeId);
    if (record && record->status == QLatin1String("refused")) {
        return Error::badRequest(
            QStringLiteral("Node %1 was refused when it registered: %2 Change the neighbordb, "
                           "then let the node register again.")
                .arg(nodeId, record->lastError));
    }
    return Error::badRequest(QStringLiteral("Node %1 has not registered.").arg(nodeId));
}

Result<QJsonObject> ZtpService::definition(const QString &nodeId, const QString &address)
{
    Result<QString> folder = nodeFolder(nodeId);
    if (!folder)
        return folder.error();
    const Result<QByteArray> facts = ZtpNodeFiles::read(folder.value(), NodeFacts);
    if (!facts)
        return unregisteredNode(nodeId);
    Result<ZtpNode> node = ZtpNode::fromJson(facts.value(), m_settings.identifier);
    if (!node)
        return Error::badRequest(
            QStringLiteral("Node %1's facts are unreadable: %2").arg(nodeId, node.error().message));
    // A node that brought its own startup-config matched no pattern: nothing to check again.
    const bool staticConfig = !ZtpNodeFiles::exists(folder.value(), PatternFile) &&
                              ZtpNodeFiles::exists(folder.value(), StartupConfigFile);
    if (!m_settings.disableTopologyValidation && !staticConfig) {
        const Result<QByteArray> text = ZtpNodeFiles::read(folder.value(), PatternFile);
        if (!text)
            return Error::badRequest(QStringLiteral("Node %1 has no pattern.").arg(nodeId));
        Result<Pattern> pattern = m_storedPatterns.get(text.value(), [&] {
            return PatternReader::readStored(text.value(), m_settings.identifier);
        });
        if (!pattern)
            return pattern.error();
        if (!pattern->matches(node.value()))
            return Error::badRequest(
                QStringLiteral("Node %1 no longer matches its pattern.").arg(nodeId));
    }
    Result<QJsonObject> assembled = storedDefinition(folder.value(), nodeId);
    if (!assembled)
        return assembled;
    QJsonObject attributes;
    const QString attributesPath = inFolder(folder.value(), AttributesFile);
    if (QFileInfo::exists(attributesPath)) {
        Result<QJsonObject> read =
            yamlObjectFile(attributesPath, QStringLiteral("The node's attributes"));
        if (!read)
            return read;
        attributes = read.value();
    }
    Result<QJsonObject> definition = DefinitionResolver::resolve(
        assembled.value(), attributes, ResourceFunctions(m_root, nodeId, node->toJson()));
    if (!definition)
        return definition;
    const int actions = int(actionsOf(definition.value()).size());
    writeLater(Write::Progress, [this, nodeId, actions, address] {
        (void)m_nodes.definitionSent(nodeId, actions, address);
    });
    return definition;
}

Result<void> ZtpService::storeStartupConfig(const QString &nodeId, const QByteArray &config,
                                            const QString &address)
{
    // Each upload runs the node's config-handler: held to the same per-address budget.
    const Result<void> allowed = mayWrite(address);
    if (!allowed)
        return allowed.error();
    Result<QString> folder = nodeFolder(nodeId);
    if (!folder)
        return folder.error();
    if (!QFileInfo(folder.value()).isDir())
        return Error::badRequest(QStringLiteral("Node %1 has not registered.").arg(nodeId));
    {
        // After what a registration of the node writes, never under it.
        const QMutexLocker locker(&nodeLock(nodeId));
        Result<void> written =
            ZtpDataRoot::write(inFolder(folder.value(), StartupConfigFile), config);
        if (!written)
            return written;
    }
    writeLater(Write::AfterAnswers, [this, nodeId] {
        (void)m_nodes.setStatus(nodeId, QStringLiteral("configured"), QString());
    });
    // After the answer: a handler may take longer than the switch waits for one.
    m_configHandlers.start(
        poolTask([this, folder = folder.value(), nodeId] { runConfigHandler(folder, nodeId); }));
    return {};
}

void ZtpService::runConfigHandler(const QString &folder, const QString &nodeId)
{
    const QString handler = inFolder(folder, ConfigHandlerFile);
    if (!QFileInfo(handler).isFile())
        return;
    const QString failure =
        ConfigHandler::run(handler, folder, nodeId, m_settings.configHandlerTimeoutMs);
    if (failure.isEmpty())
        return;
    qCWarning(lcZtp).noquote() << "node" << nodeId << failure;
    writeLater(Write::AfterAnswers, [this, nodeId, failure] {
        (void)m_nodes.setStatus(nodeId, QStringLiteral("configured"), failure);
    });
}

Result<QByteArray> ZtpService::startupConfig(const QString &nodeId)
{
    Result<QString> folder = nodeFolder(nodeId);
    if (!folder)
        return Error::notFound(folder.error().message);
    Result<QByteArray> config = ZtpNodeFiles::read(folder.value(), StartupConfigFile);
    if (!config)
        return Error::notFound(QStringLiteral("Node %1 has no startup-config.").arg(nodeId));
    return config;
}

Result<QByteArray> ZtpService::bootstrapScript() const
{
    Result<QByteArray> script =
        ZtpDataRoot::read(m_root.file(QStringLiteral("bootstrap/bootstrap")));
    if (!script)
        return Error::badRequest(QStringLiteral("The bootstrap script is missing."));
    bool found = false;
    QByteArray substituted =
        BootstrapScript::withServer(script.value(), m_settings.serverUrl, &found);
    if (!found)
        qCWarning(lcZtp) << "the bootstrap script has no $SERVER to replace";
    return substituted;
}

Result<QJsonObject> ZtpService::bootstrapConfig() const
{
    const QString path = m_root.file(QStringLiteral("bootstrap/bootstrap.conf"));
    QJsonObject config;
    if (QFileInfo::exists(path)) {
        Result<QJsonObject> read = yamlObjectFile(path, QStringLiteral("bootstrap.conf"));
        if (!read)
            return read;
        config = read.value();
    }
    const QJsonValue logging = config.value(QStringLiteral("logging"));
    const QJsonValue xmpp = config.value(QStringLiteral("xmpp"));
    return QJsonObject{
        {QStringLiteral("logging"), logging.isArray() ? logging : QJsonArray()},
        {QStringLiteral("xmpp"), xmpp.isObject() ? xmpp : QJsonObject()},
    };
}

Result<QString> ZtpService::servedFile(const QString &folder, const QString &relative) const
{
    const std::optional<QString> path = m_root.path(folder, relative);
    if (!path || !QFileInfo(*path).isFile())
        return Error::notFound(QStringLiteral("No %1/%2.").arg(folder, relative));
    return *path;
}

Result<QByteArray> ZtpService::action(const QString &name, const QString &address)
{
    Result<QString> path = servedFile(QStringLiteral("actions"), name);
    if (!path)
        return path.error();
    Result<QByteArray> script = ZtpDataRoot::read(path.value());
    if (script)
        writeLater(Write::Progress, [this, address] { (void)m_nodes.actionFetched(address); });
    return script;
}

Result<QJsonObject> ZtpService::meta(const QString &folder, const QString &relative)
{
    if (folder != u"actions" && folder != u"files" && folder != u"nodes")
        return Error::notFound(QStringLiteral("No metadata for %1.").arg(folder));
    Result<QString> path = servedFile(folder, relative);
    if (!path)
        return path.error();
    return m_digests.of(path.value());
}

Result<std::shared_ptr<const NeighborDb>> ZtpService::neighborDb(const Identity &caller)
{
    Result<void> allowed =
        m_permissions.require(caller, QString::fromLatin1(ObjectType), std::nullopt, Action::View);
    if (!allowed)
        return allowed.error();
    return neighborDb();
}

Result<QList<ZtpNodeRecord>> ZtpService::nodes(const Identity &caller)
{
    Result<void> allowed =
        m_permissions.require(caller, QString::fromLatin1(ObjectType), std::nullopt, Action::View);
    if (!allowed)
        return allowed.error();
    return m_nodes.list();
}

Result<ZtpNodeRecord> ZtpService::node(const Identity &caller, const QString &nodeId)
{
    Result<void> allowed =
        m_permissions.require(caller, QString::fromLatin1(ObjectType), std::nullopt, Action::View);
    if (!allowed)
        return allowed.error();
    return m_nodes.byNodeId(nodeId);
}

} // namespace Cairn
