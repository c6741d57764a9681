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

std::optional<std::pair<TopologyNode::Kind, qint64>> TopologyNode::parseKey(const QString &key)
{
    for (const Kind kind : {Kind::Device, Kind::Hypervisor, Kind::Machine}) {
        const QString prefix = keyOf(kind, 0).chopped(1);
        if (!key.startsWith(prefix))
            continue;
        bool isNumber = false;
        const qint64 id = key.mid(prefix.size()).toLongLong(&isNumber);
        if (isNumber && keyOf(kind, id) == key)
            return std::pair{kind, id};
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace Cairn
