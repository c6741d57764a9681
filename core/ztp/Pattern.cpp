#include "Pattern.h"

namespace Cairn {

bool Pattern::matches(const ZtpNode &node) const
{
    if (model && !model->match(node.model).hasMatch())
        return false;
    QList<bool> used(interfaces.size(), false);
    for (const ZtpInterfaceNeighbors &entry : node.neighbors) {
        if (entry.neighbors.isEmpty())
            continue;
        for (qsizetype i = 0; i < interfaces.size(); ++i) {
            if (used[i])
                continue;
            const std::optional<bool> result =
                interfaces[i].match(entry.interface, entry.neighbors.first());
            if (!result)
                continue;
            if (!*result)
                return false;
            used[i] = true;
            break;
        }
    }
    for (qsizetype i = 0; i < interfaces.size(); ++i)
        if (!used[i] && interfaces[i].isPositive())
            return false;
    return true;
}

} // namespace Cairn
