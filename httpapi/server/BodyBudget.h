#pragma once

#include <QAtomicInteger>

namespace Cairn {

// The request-body bytes one server may be receiving at once, across its connections: Qt holds
// each body in memory until the request is complete, so without a shared bound many slow
// senders could each park a maximum-size body.
class BodyBudget
{
public:
    explicit BodyBudget(qint64 bytes)
        : m_available(bytes)
    {
    }

    // Takes `bytes` if they are available; what is taken must be given back.
    bool take(qint64 bytes);
    void giveBack(qint64 bytes);

private:
    QAtomicInteger<qint64> m_available;
};

} // namespace Cairn
