#pragma once

#include "Result.h"

namespace Cairn {

// ZTPServer's allocate('pool'): a pool file under resources/ maps each value to its owner
// (a node id, or null when free). A node gets the value it already owns, else the first free
// one in file order; read, choice and write happen under one lock, and the file is replaced
// whole.
class ResourcePool
{
public:
    static Result<QString> allocate(const QString &poolPath, const QString &nodeId);
};

} // namespace Cairn
