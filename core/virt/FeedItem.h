#pragma once

#include <QString>
#include <QUrl>

namespace Cairn {

// One package as a VM feed announces it (an RSS 2.0 <item>).
struct FeedItem
{
    // The package's uuid: the item's guid (a uuid derived from it when it is not one).
    QString uuid;
    QString name;
    QString description;
    QString version;
    QString virtClass;
    // The archive: <enclosure url length>, and its sha1 when the feed gives it.
    QUrl enclosure;
    qint64 size = 0;
    QString sha1;
};

} // namespace Cairn
