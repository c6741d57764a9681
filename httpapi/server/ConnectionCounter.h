#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QString>

namespace Cairn {

// The open connections of one server across its listener threads, in all and per client
// (an address, or an IPv6 /64), so that one client cannot take every connection the server
// allows.
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
    QHash<QString, int> m_openPerClient;
};

} // namespace Cairn
