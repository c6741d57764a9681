#pragma once

#include "Result.h"
#include "auth/AccountAdministration.h"
#include "auth/AuthTokenService.h"
#include "auth/GroupService.h"
#include "auth/PermissionService.h"
#include "auth/ServerKey.h"
#include "auth/TokenService.h"
#include "auth/UserService.h"
#include "automation/ServiceRunner.h"
#include "automation/TaskScheduler.h"
#include "db/Database.h"
#include "inventory/AttributeService.h"
#include "inventory/AttributeValueRepository.h"
#include "inventory/ChangeLog.h"
#include "inventory/CircuitService.h"
#include "inventory/DeviceService.h"
#include "inventory/InterfaceService.h"
#include "inventory/NetworkService.h"
#include "inventory/ProtocolService.h"
#include "inventory/ProtocolTypeService.h"
#include "inventory/SiteService.h"
#include "jobs/JobManager.h"
#include "toolkit/BulkExecutor.h"
#include "toolkit/CommandExecutor.h"
#include "toolkit/CommandLogService.h"
#include "toolkit/CommandService.h"
#include "toolkit/CredentialSetService.h"
#include "toolkit/OutputParser.h"
#include "transport/KnownHosts.h"
#include "transport/SessionPool.h"
#include "virt/ClusterService.h"
#include "virt/MachineLifecycle.h"
#include "virt/PackageService.h"
#include "virt/StaticNetworkService.h"
#include "virt/VirtObjectPermissions.h"
#include "virt/VirtService.h"
#include "virt/VmFeedService.h"
#include "ztp/ZtpService.h"

#include <memory>

namespace Cairn {

class DataDirectoryLock;

struct CoreOptions
{
    QString dataDir;
    DatabaseConfig database;
    int jobWorkers = 4;
    int authTokenLifetimeSeconds = 600;
    RateLimit toolkitRateLimit;
    // Whether a device's first login records its host key or needs it added beforehand.
    HostKeyPolicy hostKeyPolicy = HostKeyPolicy::TrustOnFirstUse;
    // How many executions of one bulk-execute run at once.
    int toolkitBulkConcurrency = 16;
    // How many devices of one automation service run are tried at once.
    int automationConcurrency = 16;
    // One command's output beyond this fails the execution (the session is not reused).
    qsizetype toolkitMaxOutputBytes = 16 * 1024 * 1024;
    // A folder of the operator's TextFSM templates (ntc-templates layout), consulted before the
    // shipped ones; empty for none.
    QString toolkitTemplatesDir;
    // Zero-touch provisioning; an empty data root means <dataDir>/ztp.
    ZtpSettings ztp;
    // What hypervisor URIs and machine definitions may name.
    VirtSettings virt;
};

// The opened core: database (migrated), keys and the services over them. One per process;
// the server, the command line and the GUI each build theirs from CoreOptions.
class CoreServices
{
public:
    static Result<std::unique_ptr<CoreServices>> open(const CoreOptions &options);
    // Running jobs use the services below the job manager: they stop and end first.
    ~CoreServices();
    Q_DISABLE_COPY_MOVE(CoreServices)

    const CoreOptions &options() const { return m_options; }
    Database &database() { return m_database; }
    // For parts built per request that seal their own secrets (eNMS services).
    const ServerKey &serverKey() const { return m_serverKey; }
    UserService &users() { return m_users; }
    TokenService &tokens() { return m_tokens; }
    AuthTokenService &authTokens() { return m_authTokens; }
    PermissionService &permissions() { return m_permissions; }
    GroupService &groups() { return m_groups; }
    JobManager &jobs() { return m_jobs; }
    SiteService &sites() { return m_sites; }
    AttributeService &attributes() { return m_attributes; }
    AttributeValueRepository &attributeValues() { return m_attributeValues; }
    DeviceService &devices() { return m_devices; }
    NetworkService &networks() { return m_networks; }
    InterfaceService &interfaces() { return m_interfaces; }
    CircuitService &circuits() { return m_circuits; }
    ProtocolTypeService &protocolTypes() { return m_protocolTypes; }
    ProtocolService &protocols() { return m_protocols; }
    ChangeLog &changes() { return m_changes; }
    CredentialSetService &credentialSets() { return m_credentialSets; }
    CommandService &commands() { return m_commands; }
    KnownHosts &knownHosts() { return m_knownHosts; }
    VirtService &virt() { return m_virt; }
    ClusterService &clusters() { return m_clusters; }
    StaticNetworkService &staticNetworks() { return m_staticNetworks; }
    PackageService &packages() { return m_packages; }
    MachineLifecycle &lifecycle() { return m_lifecycle; }
    VmFeedService &vmFeeds() { return m_vmFeeds; }
    AccountAdministration &accounts() { return m_accounts; }
    VirtObjectPermissions &virtPermissions() { return m_virtPermissions; }
    CommandExecutor &executor() { return m_executor; }
    CommandLogService &commandLogs() { return m_commandLogs; }
    BulkExecutor &bulkExecutor() { return m_bulkExecutor; }
    ServiceRunner &serviceRunner() { return m_serviceRunner; }
    // Idle until `cairn serve` starts it: other commands do not fire tasks.
    TaskScheduler &taskScheduler() { return m_taskScheduler; }
    ZtpService &ztp() { return m_ztp; }
    // Device sessions (SSH) kept for the toolkit and automation.
    SessionPool &sessions() { return m_sessions; }

private:
    CoreServices(const CoreOptions &options, const ServerKey &key);
    static ZtpSettings ztpSettings(const CoreOptions &options);
    // The options' [virt] settings, with <dataDir>/virt/images among the images folders.
    static VirtSettings virtSettings(const CoreOptions &options);

    // Held shared while this core is open; first, so it is let go last.
    std::unique_ptr<DataDirectoryLock> m_dataLock;
    CoreOptions m_options;
    ServerKey m_serverKey;
    Database m_database;
    UserService m_users;
    TokenService m_tokens;
    AuthTokenService m_authTokens;
    PermissionService m_permissions;
    GroupService m_groups;
    JobManager m_jobs;
    SiteService m_sites;
    AttributeService m_attributes;
    AttributeValueRepository m_attributeValues;
    DeviceService m_devices;
    NetworkService m_networks;
    InterfaceService m_interfaces;
    CircuitService m_circuits;
    ProtocolTypeService m_protocolTypes;
    ProtocolService m_protocols;
    ChangeLog m_changes;
    CredentialSetService m_credentialSets;
    CommandService m_commands;
    KnownHosts m_knownHosts;
    VirtService m_virt;
    ClusterService m_clusters;
    StaticNetworkService m_staticNetworks;
    PackageService m_packages;
    MachineLifecycle m_lifecycle;
    VmFeedService m_vmFeeds;
    AccountAdministration m_accounts;
    VirtObjectPermissions m_virtPermissions;
    DeviceSessionSlots m_sessionSlots;
    SessionPool m_sessions;
    OutputParser m_outputParser;
    CommandExecutor m_executor;
    CommandLogService m_commandLogs;
    BulkExecutor m_bulkExecutor;
    ServiceRunner m_serviceRunner;
    ZtpInventory m_ztpInventory;
    ZtpService m_ztp;
    // Last, so it is gone (its firings finished) before what they use.
    TaskScheduler m_taskScheduler;
};

} // namespace Cairn
