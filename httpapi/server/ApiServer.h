#pragma once

#include "BlockingWork.h"
#include "HttpLimits.h"
#include "RequestMetrics.h"
#include "Result.h"

#include <QHostAddress>
#include <QList>
#include <QSslConfiguration>
#include <memory>
#include <optional>
#include <vector>

class QThread;

namespace Cairn {

class Router;

// An HTTP endpoint served by several listener threads, each with its own socket on the same
// port and its own event loop; the kernel spreads connections between them. The router is
// shared and must be safe to call from every thread (services use one database connection
// per thread).
class ApiServer
{
public:
    ApiServer(const Router &router, const HttpLimits &limits, int threads,
              const BlockingWork::Limits &blockingWork = {});
    ~ApiServer();
    ApiServer(const ApiServer &) = delete;
    ApiServer &operator=(const ApiServer &) = delete;

    // Every connection TLS with this configuration (set before listen()).
    void setTls(const QSslConfiguration &tls) { m_tls = tls; }
    // Starts every thread listening; port 0 picks a free port. Returns the port in use.
    Result<quint16> listen(const QHostAddress &address, quint16 port);
    void stop();
    // The requests every listener thread answered since the server was made.
    QHash<QByteArray, RequestMetrics::Route> requestTotals() const;

private:
    const Router &m_router;
    HttpLimits m_limits;
    int m_threadCount;
    std::optional<QSslConfiguration> m_tls;
    // Deferred answers of every listener thread; their work uses the core, so stop() waits for
    // it to end.
    BlockingWork m_blockingWork;
    QList<QThread *> m_threads;
    // One per listener thread, kept across stop() and listen().
    std::vector<std::unique_ptr<RequestMetrics>> m_requests;
};

} // namespace Cairn
