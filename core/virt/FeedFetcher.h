#pragma once

#include "PackageArchive.h"
#include "Result.h"

#include <QIODevice>
#include <QUrl>

namespace Cairn {

// Blocking HTTP(S) GETs for VM feeds and their packages, on the calling (worker) thread. A URL's
// user and password are sent as HTTP Basic credentials (a feed of another Cairn needs them).
class FeedFetcher
{
public:
    // Only http and https, with a host: BadRequest naming `url` otherwise.
    static Result<QUrl> checkedUrl(const QString &text);
    // The body into `sink`: Unavailable when the server cannot be reached, answers other than
    // 200, sends more than `maxBytes` (0: no limit) or nothing for `idleMs`; stopped by
    // `progress` returning false (Conflict).
    static Result<void> get(const QUrl &url, QIODevice &sink, qint64 maxBytes,
                            const CopyProgress &progress, int idleMs = 30000);
};

} // namespace Cairn
