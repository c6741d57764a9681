#pragma once

#include "Result.h"
#include "cluster/ClusterMembership.h"

#include <memory>

namespace Cairn {

class CoreServices;

// The desktop as a node of the cluster its database serves, named "<host>-desktop-<user>" (a
// second window of the same user adds "-2", "-3", ...): its jobs are recorded as this node's,
// so that those it leaves running when it quits are cleaned up after once their threads are
// gone, as a dead node's are: by its next start under the name, or by another node finding it
// silent. Beating from the start.
Result<std::unique_ptr<ClusterMembership>> joinAsDesktop(CoreServices &core, int clusterId);
// The name of the user's first window's node.
QString desktopNodeName();

} // namespace Cairn
