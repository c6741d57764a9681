#include "CoreServices.h"

#include "DataDirectory.h"
#include "DataDirectoryLock.h"
#include "automation/AutomationParts.h"
#include "automation/AutomationTasks.h"

namespace Cairn {

CoreServices::CoreServices(const CoreOptions &options, const ServerKey &key)
    : m_options(options)
    , m_serverKey(key)
    , m_database(options.database)
    , m_users(m_database, m_serverKey)
    , m_tokens(m_database)
    , m_authTokens(m_users, m_serverKey, options.authTokenLifetimeSeconds)
    , m_permissions(m_database)
    , m_groups(m_database)
    , m_jobs(m_database, options.jobWorkers)
    , m_sites(m_database, m_permissions)
    , m_attributes(m_database, m_permissions, m_sites)
    , m_attributeValues(m_database)
    , m_devices(m_database, m_permissions, m_sites, m_attributes, m_attributeValues)
    , m_networks(m_database, m_permissions, m_sites, m_attributes, m_attributeValues)
    , m_interfaces(m_database, m_permissions, m_sites, m_attributes, m_attributeValues, m_devices,
                   m_networks)
    , m_circuits(m_database, m_permissions, m_sites, m_attributes, m_attributeValues, m_interfaces)
    , m_protocolTypes(m_database, m_permissions, m_sites, m_attributes)
    , m_protocols(m_database, m_permissions, m_sites, m_attributes, m_attributeValues,
                  {m_devices, m_interfaces, m_circuits, m_protocolTypes}, m_serverKey)
    , m_changes(m_database)
    , m_credentialSets(m_database, m_serverKey)
    , m_commands(m_database, m_permissions)
    , m_knownHosts(m_database)
    , m_virt(m_database, m_permissions, m_jobs, virtSettings(options))
    , m_clusters(m_database, m_permissions, m_virt)
    , m_staticNetworks(
          m_database, m_permissions, m_clusters,
          {m_users, m_permissions, m_sites, m_networks, m_attributes, m_attributeValues})
    , m_packages(m_database, m_permissions, options.dataDir)
    , m_lifecycle(m_virt, m_packages, m_staticNetworks, m_clusters,
                  virtSettings(options).provisionDir)
    , m_vmFeeds(m_database, m_permissions, m_packages, m_virt, m_serverKey, virtSettings(options))
    , m_accounts(m_users, m_groups, m_permissions)
    , m_virtPermissions(m_database, m_permissions, m_accounts)
    // Once `cairn serve` has joined the cluster, its sessions count in the database.
    , m_sessionSlots(m_database, [this] { return m_jobs.node(); })
    , m_sessions(SessionPool::Limits(), &m_sessionSlots)
    , m_outputParser(options.toolkitTemplatesDir)
    , m_executor({m_commands, m_devices, m_interfaces, m_credentialSets, m_permissions, m_groups,
                  m_knownHosts},
                 m_database, m_sessions, m_outputParser, options.toolkitRateLimit,
                 options.hostKeyPolicy, options.toolkitMaxOutputBytes)
    , m_commandLogs(m_database)
    , m_bulkExecutor(m_executor, m_jobs, options.toolkitBulkConcurrency)
    , m_serviceRunner(
          {m_database, m_jobs, m_credentialSets, m_sessions, m_knownHosts, m_sites, m_devices,
           m_serverKey, options.dataDir + QStringLiteral("/automation/configurations")},
          {options.hostKeyPolicy, options.toolkitMaxOutputBytes, options.automationConcurrency})
    , m_ztpInventory(m_users, m_sites, m_devices, m_interfaces, m_circuits, options.ztp.site)
    , m_ztp(m_database, m_permissions, m_ztpInventory, ztpSettings(options))
    , m_taskScheduler(m_database, AutomationTasks::zone())
{
    m_serviceRunner.setOrderCheck([this](const Identity &caller, RunOrder &order) {
        return AutomationParts(*this).runs.recheck(caller, order);
    });
}

ZtpSettings CoreServices::ztpSettings(const CoreOptions &options)
{
    ZtpSettings settings = options.ztp;
    if (settings.dataRoot.isEmpty())
        settings.dataRoot = options.dataDir + QStringLiteral("/ztp");
    return settings;
}

VirtSettings CoreServices::virtSettings(const CoreOptions &options)
{
    VirtSettings settings = options.virt;
    if (settings.provisionDir.isEmpty())
        settings.provisionDir = options.dataDir + QStringLiteral("/virt/images");
    settings.imageDirs << settings.provisionDir;
    return settings;
}

CoreServices::~CoreServices()
{
    m_taskScheduler.stop();
    m_jobs.stopAll();
    m_jobs.waitForIdle(-1);
}

Result<std::unique_ptr<CoreServices>> CoreServices::open(const CoreOptions &options)
{
    const Result<void> directory = DataDirectory::prepare(options.dataDir);
    if (!directory)
        return directory.error();
    Result<std::unique_ptr<DataDirectoryLock>> lock =
        DataDirectoryLock::take(options.dataDir, DataDirectoryLock::Mode::Shared);
    if (!lock)
        return lock.error();
    const Result<ServerKey> key = ServerKey::load(options.dataDir);
    if (!key)
        return key.error();
    std::unique_ptr<CoreServices> core(new CoreServices(options, key.value()));
    core->m_dataLock = std::move(lock).value();
    const Result<void> opened = core->m_database.open();
    if (!opened)
        return opened.error();
    const Result<void> entered = core->m_staticNetworks.enterIpam();
    if (!entered)
        return entered.error();
    const Result<int> orphans = core->m_serviceRunner.endOrphans();
    if (!orphans)
        return orphans.error();
    return core;
}

} // namespace Cairn
