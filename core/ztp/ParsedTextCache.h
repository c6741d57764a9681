#pragma once

#include "Result.h"

#include <QByteArray>
#include <QCache>
#include <QMutex>

namespace Cairn {

// What parsing a text gave, kept by the text itself (so an edited file is parsed again): the
// switches of a pod are all sent the same definition and checked against the same pattern,
// and yaml-cpp parsing those texts again was about a third of each registration and
// definition request. Failures are not kept. Thread-safe.
template <typename T> class ParsedTextCache
{
public:
    // Texts kept count their size against `maxBytes`; longer ones are not kept.
    explicit ParsedTextCache(qsizetype maxBytes) { m_cache.setMaxCost(maxBytes); }

    template <typename Parse> Result<T> get(const QByteArray &text, Parse parse) const
    {
        {
            const QMutexLocker locker(&m_lock);
            if (const T *kept = m_cache.object(text))
                return *kept;
        }
        Result<T> parsed = parse();
        if (parsed) {
            const QMutexLocker locker(&m_lock);
            m_cache.insert(text, new T(parsed.value()), text.size());
        }
        return parsed;
    }

private:
    // Kept results do not change what get() answers.
    mutable QMutex m_lock;
    mutable QCache<QByteArray, T> m_cache;
};

} // namespace Cairn
