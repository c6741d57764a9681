#pragma once

#include "Result.h"
#include "VirtSettings.h"

namespace Cairn {

// Which libvirt URIs may become hypervisors. libvirt acts on whatever a URI names: the test
// driver reads any file as a host definition (and quotes it in its error), the ext transport
// and command= run programs, unix and socket= reach any local socket. Allowed are
// qemu:///system|session, qemu+ssh:// and qemu+tls:// to a host, qemu+tcp:// when configured,
// test:///default, and test:///<file> below the configured fixtures folder; no password in the
// URI and no query parameters but mode, proxy and no_tty.
class HypervisorUriPolicy
{
public:
    explicit HypervisorUriPolicy(VirtSettings settings);

    // BadRequest naming `virt_url` when the URI is not allowed.
    Result<void> check(const QString &uri) const;

private:
    Result<void> checkTestDriver(const QString &path) const;

    VirtSettings m_settings;
};

} // namespace Cairn
