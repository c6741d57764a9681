#include "TopologyNode.h"

namespace Cairn {

QString TopologyNode::keyOf(Kind kind, qint64 id)
{
    switch (kind) {
    case Kind::Device:
        return QStringLiteral("device:%1").arg(id);
    case Kind::Hypervisor:
        return QStringLiteral("hypervisor:%1").arg(id);
    case Kind::Machine:
        return QStringLiteral("machine:%1").arg(id);
    }
    return {};
}

} // namespace Cairn
