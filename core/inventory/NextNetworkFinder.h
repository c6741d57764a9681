#pragma once

#include "NetworkRepository.h"

namespace Cairn {

// NSoT's next_network / next_address: the first `count` free networks of `prefixLength`
// inside `parent`, in address order. Without `strict`, a candidate is taken when a
// descendant at least as long lies in it (so a /24 may be carved out of an allocated /22);
// with `strict`, when one of the parent's direct children overlaps it. Host addresses skip
// the parent's own network and broadcast addresses, except in a point-to-point /31 or /127.
// Reads the occupants in address order a chunk at a time, jumping over whole taken blocks,
// and finds the first free host address by halving with counts, so a nearly full /16 costs
// a few dozen index range scans rather than reading every address.
class NextNetworkFinder
{
public:
    explicit NextNetworkFinder(NetworkRepository &repository)
        : m_repository(repository)
    {
    }

    Result<QList<IpNetwork>> find(const Network &parent, int prefixLength, int count, bool strict);

private:
    // The first free host address in [first, last], or nullopt when every one is taken.
    Result<std::optional<IpNumber>> firstFreeHost(const Network &parent, IpNumber first,
                                                  IpNumber last);

    NetworkRepository &m_repository;
};

} // namespace Cairn
