#pragma once

#include <QStringList>

namespace Cairn {

// `cairn topology export|import FILE`: the topology spreadsheet (.xlsx; .xls and .csv too when
// importing) written from the inventory or read back into it, as POST /rest/topology/... does,
// with the per-row report at the end.
class TopologyCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace Cairn
