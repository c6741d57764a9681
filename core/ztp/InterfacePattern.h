#pragma once

#include "ValueMatcher.h"
#include "ZtpNode.h"

#include <optional>

namespace Cairn {

// One constraint of a pattern on one local interface (or any / none of them): what the first
// LLDP neighbor there must, or must not, be.
class InterfacePattern
{
public:
    enum class Local
    {
        Any,
        None,
        Named,
    };

    InterfacePattern(Local local, QString name, ValueMatcher device, ValueMatcher port);

    // For the first neighbor on `interface`: true satisfies (and uses up) this constraint,
    // false fails the whole pattern, nothing means it does not apply here.
    std::optional<bool> match(const QString &interface, const ZtpNeighbor &neighbor) const;
    // Whether the pattern fails unless some interface satisfied this constraint. The negative
    // forms (none on either side, or `DEVICE:none` — "not connected to DEVICE") do not need to.
    bool isPositive() const;

private:
    Local m_local;
    QString m_name;
    ValueMatcher m_device;
    ValueMatcher m_port;
};

} // namespace Cairn
