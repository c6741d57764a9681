#include "ConnectionCounter.h"

namespace Cairn {

ConnectionCounter::Admission ConnectionCounter::admit(const QHostAddress &address)
{
    const QMutexLocker locker(&m_mutex);
    if (m_open >= m_maxConnections)
        return Admission::ServerFull;
    int &fromAddress = m_openPerAddress[address];
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
    const auto it = m_openPerAddress.find(address);
    if (it != m_openPerAddress.end() && --it.value() <= 0)
        m_openPerAddress.erase(it);
}

} // namespace Cairn
