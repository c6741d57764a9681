#include "NextNetworkFinder.h"

namespace Cairn {

namespace {

constexpr int OccupantsPerRead = 64;

} // namespace

Result<std::optional<IpNumber>> NextNetworkFinder::firstFreeHost(const Network &parent,
                                                                 IpNumber first, IpNumber last)
{
    // Invariant: every address in [first, low) is taken and the answer, if any, is <= high.
    IpNumber low = first;
    IpNumber high = last;
    const Result<qint64> total = m_repository.hostCount(parent, low, high);
    if (!total)
        return total.error();
    if (IpNumber(total.value()) == high - low + 1)
        return std::optional<IpNumber>();
    while (low < high) {
        const IpNumber middle = low + (high - low) / 2;
        const Result<qint64> taken = m_repository.hostCount(parent, low, middle);
        if (!taken)
            return taken.error();
        if (IpNumber(taken.value()) < middle - low + 1)
            high = middle;
        else
            low = middle + 1;
    }
    return std::optional<IpNumber>(low);
}

Result<QList<IpNetwork>> NextNetworkFinder::find(const Network &parent, int prefixLength, int count,
                                                 bool strict)
{
    QList<IpNetwork> found;
    if (parent.state == Network::Reserved)
        return found;
    const int version = parent.ip.version();
    const int maxLength = parent.ip.maxPrefixLength();
    const IpNumber blockMask = IpNetwork::hostMask(version, prefixLength);
    const IpNumber first = parent.ip.network();
    const IpNumber last = parent.ip.broadcast();
    const bool wantsHosts = prefixLength == maxLength;
    const bool skipEdges = wantsHosts && parent.ip.prefixLength() < maxLength - 1;

    IpNumber candidate = first;
    bool exhausted = false;
    // Offers candidates up to and including `through`.
    const auto offerThrough = [&](IpNumber through) {
        while (!exhausted && found.size() < count && candidate <= through) {
            if (!skipEdges || (candidate != first && candidate != last))
                found << IpNetwork(version, candidate, prefixLength);
            if (last - candidate <= blockMask)
                exhausted = true;
            else
                candidate += blockMask + 1;
        }
    };

    if (wantsHosts && !strict) {
        // Only host addresses occupy host candidates here, so count our way past the taken run.
        const IpNumber from = skipEdges ? first + 1 : first;
        const Result<std::optional<IpNumber>> free = firstFreeHost(parent, from, last);
        if (!free)
            return free.error();
        if (!free.value())
            return found;
        candidate = *free.value();
    }

    while (!exhausted && found.size() < count) {
        const Result<QList<NetworkRepository::Occupant>> occupants =
            m_repository.occupants(parent, candidate, prefixLength, strict, OccupantsPerRead);
        if (!occupants)
            return occupants.error();
        for (const NetworkRepository::Occupant &occupant : occupants.value()) {
            // An occupant at least as long as the wanted prefix takes the block it lies in; a
            // shorter one (a strict direct child) takes every block it covers.
            const IpNumber takenFrom = occupant.prefixLength >= prefixLength
                                           ? occupant.network & ~blockMask
                                           : occupant.network;
            const IpNumber takenTo =
                occupant.prefixLength >= prefixLength ? takenFrom | blockMask : occupant.broadcast;
            if (takenTo < candidate)
                continue;
            if (takenFrom > candidate)
                offerThrough(takenFrom - 1);
            if (exhausted || found.size() >= count)
                break;
            if (takenTo >= last) {
                exhausted = true;
                break;
            }
            candidate = takenTo + 1;
        }
        if (occupants->size() < OccupantsPerRead)
            offerThrough(last);
    }
    return found;
}

} // namespace Cairn
