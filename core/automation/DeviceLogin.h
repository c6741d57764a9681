#pragma once

#include "Result.h"
#include "auth/Identity.h"
#include "inventory/Device.h"
#include "transport/KnownHosts.h"
#include "transport/SessionPool.h"

#include <memory>

namespace Cairn {

class CredentialSetService;
struct PlatformProfile;

// How automation services reach a device's CLI: the toolkit's pooled sessions, platform
// profiles and host-key policy, logged in with the caller's own credential set named by the
// service (its `credentials`).
class DeviceLogin
{
public:
    DeviceLogin(CredentialSetService &credentials, SessionPool &sessions, KnownHosts &knownHosts,
                HostKeyPolicy policy, qsizetype maxOutputBytes)
        : m_credentials(credentials)
        , m_sessions(sessions)
        , m_knownHosts(knownHosts)
        , m_policy(policy)
        , m_maxOutputBytes(maxOutputBytes)
    {
    }

    // A session to `device`, each step within `timeoutMs`, in privileged mode when `enable`
    // (the set must then hold an enable password); an error names what is missing (the device's
    // platform or address, the credential set) or what failed.
    Result<std::unique_ptr<SessionLease>> open(const Identity &caller, const QString &credentialSet,
                                               const Device &device, bool enable, int timeoutMs);

private:
    CredentialSetService &m_credentials;
    SessionPool &m_sessions;
    KnownHosts &m_knownHosts;
    HostKeyPolicy m_policy;
    qsizetype m_maxOutputBytes;
};

} // namespace Cairn
