#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>

namespace Cairn {

// The open connections of one server across its listener threads, in all and per client
// address, so that one client cannot take every connection the server allows. (Per address, not
// per IPv6 /64: a rack of switches may share one /64; the total cap bounds the rest.)
class ConnectionCounter
{
public:
    enum class Admission
    {
        Admitted,
        ServerFull,
        AddressFull,
    };

    ConnectionCounter(int maxConnections, int maxPerAddress)
        : m_maxConnections(maxConnections)
        , m_maxPerAddress(maxPerAddress)
    {
    }

    // Counts the connection when it is admitted; an admitted connection must be released.
    Admission admit(const QHostAddress &address);
    void release(const QHostAddress &address);

private:
    const int m_maxConnections;
    const int m_maxPerAddress;
    QMutex m_mutex;
    int m_open = 0;
    QHash<QHostAddress, int> m_openPerAddress;
};

} // namespace Cairn
