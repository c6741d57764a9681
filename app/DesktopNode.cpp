#include "DesktopNode.h"

#include "CoreServices.h"

#include <QHostInfo>

namespace Cairn {

namespace {

// Windows of one user on one machine at once; past that, the last refusal is the answer.
constexpr int MaxWindows = 9;

} // namespace

QString desktopNodeName()
{
    const QString user = qEnvironmentVariable("USER");
    return QStringLiteral("%1-desktop-%2")
        .arg(QHostInfo::localHostName(), user.isEmpty() ? QStringLiteral("user") : user);
}

Result<std::unique_ptr<ClusterMembership>> joinAsDesktop(CoreServices &core, int clusterId)
{
    const QString base = desktopNodeName();
    Error refused = Error::conflict(QString());
    for (int window = 1; window <= MaxWindows; ++window) {
        ClusterSettings settings;
        settings.nodeName = window == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(window);
        settings.clusterId = clusterId;
        auto membership =
            std::make_unique<ClusterMembership>(core.database(), core.jobs(), settings);
        const Result<ClusterNode> joined = membership->join();
        if (joined) {
            membership->start();
            return membership;
        }
        // Another live window holds the name: the next one.
        if (joined.error().code != ErrorCode::Conflict)
            return joined.error();
        refused = joined.error();
    }
    return refused;
}

} // namespace Cairn
