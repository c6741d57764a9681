#pragma once

#include "VirtSettings.h"
#include "VirtTransaction.h"
#include "VmFeedRepository.h"
#include "auth/Action.h"
#include "auth/Identity.h"
#include "auth/Sealer.h"

#include <QUrl>

namespace Cairn {

class JobContext;
class PackageService;
class PermissionService;
class ServerKey;
class VirtService;
struct Package;

// VM feeds (Enomalism section 6): the local repository published as RSS 2.0, feeds at other
// URLs subscribed to, and their packages downloaded into the local repository as transactions.
// Subscribing, refreshing and downloading need `add` on packages; seeing feeds, `view`.
class VmFeedService
{
public:
    VmFeedService(Database &database, PermissionService &permissions, PackageService &packages,
                  VirtService &virt, const ServerKey &key, VirtSettings settings);

    Result<QList<VmFeed>> feeds(const Identity &caller);
    Result<VmFeed> feed(const Identity &caller, const QString &uuid);
    // Blocking: the feed is read first, and refused (nothing recorded) when it is not one.
    Result<VmFeed> subscribe(const Identity &caller, const QString &url);
    // Blocking: reads the feed again; an unreachable feed keeps its packages and records why.
    Result<VmFeed> refresh(const Identity &caller, const QString &uuid);
    // Forgets the feed and the packages of it not downloaded.
    Result<VmFeed> unsubscribe(const Identity &caller, const QString &uuid);
    // Queues the download of a package a feed lists. The archive must match the sha1 the feed
    // gives and every disk its manifest's sha1, or it is refused and deleted.
    Result<VirtTransaction> download(const Identity &caller, const QString &packageUuid);
    // The local repository's present packages the caller may view, as RSS 2.0.
    Result<QByteArray> rss(const Identity &caller, const QUrl &base);

private:
    Result<void> may(const Identity &caller, Action action);
    // The feed, once the caller may `action` packages.
    Result<VmFeed> feedFor(const Identity &caller, const QString &uuid, Action action);
    // The feed's URL with its credentials, for fetching.
    Result<QUrl> fetchUrl(const VmFeed &feed) const;
    Result<std::pair<QString, QList<FeedItem>>> fetchFeed(const QUrl &url);
    Result<VmFeed> read(const VmFeed &feed);
    Result<QJsonObject> fetchPackage(JobContext &context, const Package &package, const QUrl &from);
    // What one archive may take: [virt] max_package_bytes, and no more than the disk has free.
    qint64 maxArchiveBytes() const;

    VmFeedRepository m_feeds;
    PermissionService &m_permissions;
    PackageService &m_packages;
    VirtService &m_virt;
    Sealer m_sealer;
    VirtSettings m_settings;
};

} // namespace Cairn
