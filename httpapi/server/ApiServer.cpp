#include "ApiServer.h"

#include "GuardedTcpServer.h"
#include "HttpListener.h"

#include <QEventLoop>
#include <QThread>
#include <atomic>
#include <future>

namespace Cairn {

ApiServer::ApiServer(const Router &router, const HttpLimits &limits, int threads,
                     const BlockingWork::Limits &blockingWork)
    : m_router(router)
    , m_limits(limits)
    , m_threadCount(qMax(1, threads))
    , m_blockingWork(blockingWork)
{
    for (int i = 0; i < m_threadCount; ++i)
        m_requests.push_back(std::make_unique<RequestMetrics>());
}

QHash<QByteArray, RequestMetrics::Route> ApiServer::requestTotals() const
{
    QHash<QByteArray, RequestMetrics::Route> totals;
    for (const std::unique_ptr<RequestMetrics> &thread : m_requests)
        thread->addTo(totals);
    return totals;
}

ApiServer::~ApiServer()
{
    stop();
}

Result<quint16> ApiServer::listen(const QHostAddress &address, quint16 port)
{
    const Result<quint16> claimed = GuardedTcpServer::claimPort(address, port);
    if (!claimed) {
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("Cannot listen on %1:%2: %3")
                         .arg(address.toString())
                         .arg(port)
                         .arg(claimed.error().message),
                     {}};
    }
    port = claimed.value();
    auto connections = std::make_shared<ConnectionCounter>(m_limits.maxConnections,
                                                           m_limits.maxConnectionsPerAddress);
    auto bodyBudget = std::make_shared<BodyBudget>(m_limits.maxPendingBodyBytes);
    for (int i = 0; i < m_threadCount; ++i) {
        std::promise<quint16> bound;
        std::future<quint16> boundPort = bound.get_future();
        QThread *thread = QThread::create([this, address, port, connections, bodyBudget, &bound,
                                           metrics = m_requests[std::size_t(i)].get()] {
            HttpListener listener(m_router, m_blockingWork, *metrics);
            // bind() makes the listener own the TCP server.
            auto *tcpServer = new GuardedTcpServer(m_limits, connections, bodyBudget, m_tls);
            tcpServer->setReader(&listener);
            if (!tcpServer->listenShared(address, port)) {
                delete tcpServer;
                bound.set_value(0);
                return;
            }
            listener.bind(tcpServer);
            tcpServer->followReader();
            bound.set_value(tcpServer->serverPort());
            QEventLoop loop; // QThread::quit() ends it
            loop.exec();
        });
        thread->setObjectName(QStringLiteral("http-%1-%2").arg(address.toString()).arg(i));
        thread->start();
        m_threads << thread;
        const quint16 actual = boundPort.get();
        if (actual == 0) {
            stop();
            return Error{ErrorCode::Unavailable,
                         QStringLiteral("Cannot listen on %1:%2").arg(address.toString()).arg(port),
                         {}};
        }
    }
    return port;
}

void ApiServer::stop()
{
    for (QThread *thread : std::as_const(m_threads)) {
        thread->quit();
        thread->wait();
        delete thread;
    }
    m_threads.clear();
    m_blockingWork.waitForDone();
}

} // namespace Cairn
