#include "ResponseCache.h"

#include "server/HttpRequest.h"

#include <mutex>

namespace Cairn {

ResponseCache::ResponseCache(VersionSource version, qsizetype budgetBytes)
    : m_version(std::move(version))
    , m_budget(budgetBytes)
{
}

std::optional<HttpResponse> ResponseCache::find(const QByteArray &key, qint64 version) const
{
    const std::shared_lock locker(m_lock);
    const auto entry = m_entries.constFind(key);
    if (entry == m_entries.cend() || entry->version != version)
        return std::nullopt;
    return entry->response;
}

void ResponseCache::store(const QByteArray &key, qint64 version, const HttpResponse &response)
{
    const qsizetype size = key.size() + response.body.size();
    if (size > m_budget / 8 || response.deferred || response.pieces)
        return; // one huge answer would push out everything else; a deferred one is not made yet
    const std::unique_lock locker(m_lock);
    if (m_bytes + size > m_budget) {
        for (auto it = m_entries.begin(); it != m_entries.end();) {
            if (it->version != version) {
                m_bytes -= it.key().size() + it->response.body.size();
                it = m_entries.erase(it);
            } else {
                ++it;
            }
        }
        if (m_bytes + size > m_budget) {
            m_entries.clear();
            m_bytes = 0;
        }
    }
    const auto previous = m_entries.constFind(key);
    if (previous != m_entries.cend())
        m_bytes -= key.size() + previous->response.body.size();
    m_entries.insert(key, Entry{version, response});
    m_bytes += size;
}

QByteArray ResponseCache::keyOf(const HttpRequest &request)
{
    return request.header("host") + '\n' + request.header("accept") + '\n' +
           request.rawPath.toUtf8() + '?' + request.query.toString(QUrl::FullyEncoded).toUtf8();
}

} // namespace Cairn
