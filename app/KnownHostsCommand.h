#pragma once

#include <QStringList>

namespace Cairn {

// `cairn known-hosts add|forget ...`: the device host keys SSH logins are held to. Under the
// strict policy ([toolkit] host_key_policy=strict) a device's key must be added before the
// first login; a replaced device's key is forgotten so the next login may record the new one.
class KnownHostsCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace Cairn
