#pragma once

#include <QtGlobal>

namespace Cairn {

// A client connection whose further requests can be held back while the client leaves our
// answers unread (see GuardedSocket).
class HoldableSocket
{
public:
    virtual ~HoldableSocket() = default;

    virtual void holdRequests(bool held) = 0;
    virtual bool holdsRequests() const = 0;
    // What the client sent that nobody has read yet, held or not.
    virtual qint64 unreadBytes() const = 0;
};

} // namespace Cairn
