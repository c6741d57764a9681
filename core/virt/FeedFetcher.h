#pragma once

#include "PackageArchive.h"
#include "Result.h"

#include <QIODevice>
#include <QUrl>

namespace Cairn {

// Blocking HTTP(S) GETs for VM feeds and their packages, on the calling (worker) thread. A URL's
// user and password are sent as HTTP Basic credentials (a feed of another Cairn needs them).
// Redirects are followed only within the same scheme, host and port, so credentials never
// leave for another server; hosts on loopback, private or link-local addresses are refused
// unless `allowPrivate`.
class FeedFetcher
{
public:
    // Only http and https, with a host: BadRequest naming `url` otherwise.
    static Result<QUrl> checkedUrl(const QString &text);
    // The body into `sink`: Unavailable when the server cannot be reached, answers other than
    // 200, sends more than `maxBytes`, or nothing for `idleMs`; stopped by `progress` returning
    // false (Conflict).
    static Result<void> get(const QUrl &url, QIODevice &sink, qint64 maxBytes, bool allowPrivate,
                            const CopyProgress &progress, int idleMs = 30000);

private:
    // Forbidden when the host resolves to an address inside (checked before connecting; a DNS
    // answer that changes in between is not caught).
    static Result<void> checkTarget(const QUrl &url, bool allowPrivate);
};

} // namespace Cairn
