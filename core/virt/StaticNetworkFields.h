#pragma once

#include <QString>
#include <optional>

namespace Cairn {

// What a caller gives for a static network (Enomalism 7.1, 7.2); a field left out is nullopt.
// ip, netmask and gateway are set at creation only.
struct StaticNetworkFields
{
    std::optional<QString> name;
    std::optional<QString> description;
    std::optional<QString> bridge;
    // A cluster uuid; empty for none.
    std::optional<QString> cluster;
    std::optional<QString> ip;
    std::optional<QString> netmask;
    std::optional<QString> gateway;
    // The IPAM site (name or id), at creation; by default the site that has the network already,
    // else the default site.
    std::optional<QString> site;
};

} // namespace Cairn
