#pragma once

#include "FeedItem.h"
#include "Package.h"
#include "Result.h"

#include <QList>

namespace Cairn {

// VM feeds as RSS 2.0: one <item> per package release, its archive as the <enclosure>, and
// Cairn's own elements (version, virt_class, sha1) in a namespace of their own, which other
// readers ignore.
class VmFeedRss
{
public:
    // The feed of `packages`; enclosures point at `base` + /rest/vmfeed/<uuid>/download/.
    static QByteArray write(const QList<Package> &packages, const QUrl &base, const QString &title);
    // The feed's title and items; relative enclosure URLs are resolved against `feedUrl`.
    // BadRequest naming `url` when it is not an RSS 2.0 feed.
    static Result<std::pair<QString, QList<FeedItem>>> parse(const QByteArray &xml,
                                                             const QUrl &feedUrl);
};

} // namespace Cairn
