#include "ConnectionCounter.h"

#include "net/AddressRateLimiter.h"

namespace Cairn {

ConnectionCounter::Admission ConnectionCounter::admit(const QHostAddress &address)
{
    const QMutexLocker locker(&m_mutex);
    if (m_open >= m_maxConnections)
        return Admission::ServerFull;
    int &fromAddress = m_openPerClient[AddressRateLimiter::clientOf(address.toString())];
    if (fromAddress >= m_maxPerAddress)
        return Admission::AddressFull;
    ++fromAddress;
    ++m_open;
    return Admission::Admitted;
}

void ConnectionCounter::release(const QHostAddress &address)
{
    const QMutexLocker locker(&m_mutex);
    --m_open;
    const auto it = m_openPerClient.find(AddressRateLimiter::clientOf(address.toString()));
    if (it != m_openPerClient.end() && --it.value() <= 0)
        m_openPerClient.erase(it);
}

} // namespace Cairn
