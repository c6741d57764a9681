#include "DeviceLogin.h"

#include "toolkit/CredentialSetService.h"
#include "transport/PlatformCatalog.h"

namespace Cairn {

Result<std::unique_ptr<SessionLease>> DeviceLogin::open(const Identity &caller,
                                                        const QString &credentialSet,
                                                        const Device &device, bool enable,
                                                        int timeoutMs)
{
    const PlatformProfile *profile = PlatformCatalog::find(device.platform);
    if (!profile) {
        return Error::badRequest(
            QStringLiteral("%1 has %2: set its platform (driver) to one of %3.")
                .arg(device.hostname,
                     device.platform.isEmpty()
                         ? QStringLiteral("no platform")
                         : QStringLiteral("the unknown platform \"%1\"").arg(device.platform),
                     PlatformCatalog::names().join(QLatin1String(", "))));
    }
    if (device.ipAddress.isEmpty())
        return Error::badRequest(
            QStringLiteral("%1 has no ip_address to connect to.").arg(device.hostname));
    const Result<ResolvedCredentials> login = m_credentials.resolveNamed(
        caller, credentialSet, profile->name, QStringLiteral("credentials"));
    if (!login)
        return login.error();
    if (enable && !profile->enableCommand.isEmpty() && !login->set.hasEnablePassword) {
        return Error::invalidField(
            QStringLiteral("enable_mode"),
            QStringLiteral("Credential set \"%1\" has no enable password to enter privileged mode "
                           "with.")
                .arg(login->set.name));
    }
    const SshEndpoint endpoint = login->loginTo(device, timeoutMs, m_maxOutputBytes);
    return m_sessions.acquire(endpoint, *profile, m_knownHosts.checker(m_policy, device.id),
                              timeoutMs);
}

} // namespace Cairn
