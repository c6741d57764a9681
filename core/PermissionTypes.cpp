#include "PermissionTypes.h"

#include "auth/AccountAdministration.h"
#include "automation/AutomationPools.h"
#include "automation/AutomationServices.h"
#include "automation/AutomationTasks.h"
#include "inventory/SiteService.h"
#include "toolkit/CommandService.h"
#include "virt/ClusterService.h"
#include "virt/PackageService.h"
#include "virt/StaticNetworkService.h"
#include "virt/VirtService.h"
#include "ztp/ZtpService.h"

namespace Cairn {

QStringList PermissionTypes::names()
{
    QStringList types;
    for (const char *type :
         {SiteService::ObjectType, CommandService::ObjectType, VirtService::HypervisorType,
          VirtService::MachineType, ClusterService::ObjectType, PackageService::ObjectType,
          StaticNetworkService::ObjectType, ZtpService::ObjectType, AccountAdministration::UserType,
          AccountAdministration::GroupType, AutomationPools::ObjectType,
          AutomationServices::ObjectType, AutomationTasks::ObjectType})
        types << QString::fromLatin1(type);
    return types;
}

} // namespace Cairn
