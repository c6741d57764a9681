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
    // What we wrote that has not gone to the kernel yet (for TLS, encrypted or not).
    virtual qint64 unsentBytes() const = 0;
    // The most the socket buffers of what the client sends, when not held.
    virtual void setReadCap(qint64 bytes) = 0;
};

} // namespace Cairn
