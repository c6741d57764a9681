#include "InterfacePattern.h"

namespace Cairn {

using Kind = ValueMatcher::Kind;

InterfacePattern::InterfacePattern(Local local, QString name, ValueMatcher device,
                                   ValueMatcher port)
    : m_local(local)
    , m_name(std::move(name))
    , m_device(std::move(device))
    , m_port(std::move(port))
{
}

std::optional<bool> InterfacePattern::match(const QString &interface,
                                            const ZtpNeighbor &neighbor) const
{
    const bool deviceMatches = m_device.kind() == Kind::Any || m_device.matches(neighbor.device);
    // A `none` port only says "whatever the port" for the negative forms that use it.
    const bool portMatches =
        m_port.kind() == Kind::Any || m_port.kind() == Kind::None || m_port.matches(neighbor.port);
    switch (m_local) {
    case Local::Any:
        if (m_port.kind() == Kind::None) // any: DEVICE:none, no interface reaches DEVICE
            return deviceMatches ? std::optional<bool>(false) : std::nullopt;
        return deviceMatches && portMatches ? std::optional<bool>(true) : std::nullopt;
    case Local::None:
        if (m_device.kind() == Kind::None) // none: none:none, no neighbor anywhere
            return false;
        return deviceMatches && portMatches ? std::optional<bool>(false) : std::nullopt;
    case Local::Named:
        break;
    }
    if (interface != m_name)
        return std::nullopt;
    if (m_device.kind() == Kind::None)
        return portMatches ? std::optional<bool>(false) : std::nullopt;
    if (m_port.kind() == Kind::None) // INTERFACE: DEVICE:none, not connected to DEVICE
        return deviceMatches ? std::optional<bool>(false) : std::nullopt;
    return deviceMatches && portMatches;
}

bool InterfacePattern::isPositive() const
{
    return m_local != Local::None && m_device.kind() != Kind::None && m_port.kind() != Kind::None;
}

} // namespace Cairn
