#include "VmFeedService.h"

#include "FeedFetcher.h"
#include "PackageArchive.h"
#include "PackageService.h"
#include "VirtService.h"
#include "VmFeedRss.h"
#include "auth/PermissionService.h"
#include "auth/ServerKey.h"
#include "jobs/JobContext.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>

namespace Cairn {

namespace {

// A feed is a list of packages, not a package: anything larger is not one.
constexpr qint64 MaxFeedBytes = 4 << 20;

} // namespace

VmFeedService::VmFeedService(Database &database, PermissionService &permissions,
                             PackageService &packages, VirtService &virt, const ServerKey &key,
                             VirtSettings settings)
    : m_feeds(database)
    , m_permissions(permissions)
    , m_packages(packages)
    , m_virt(virt)
    , m_sealer(key.derive("vmfeeds"))
    , m_settings(std::move(settings))
{
    // A download's transaction is on the package: its `machine` is the package's uuid.
    m_virt.registerTransactionRecovery(QStringLiteral("download"), [this](const Job &job) {
        return m_packages.discardUnfinishedArchive(
            job.params.value(QStringLiteral("machine")).toString());
    });
}

qint64 VmFeedService::maxArchiveBytes() const
{
    // And never more than the repository's disk has free.
    const QStorageInfo disk(QFileInfo(m_packages.archivePath(QStringLiteral("x"))).absolutePath());
    return qMin(m_settings.maxPackageBytes, disk.isValid() ? disk.bytesAvailable() : qint64(0));
}

Result<void> VmFeedService::may(const Identity &caller, Action action)
{
    return m_permissions.require(caller, QString::fromLatin1(PackageService::ObjectType),
                                 std::nullopt, action);
}

Result<QList<VmFeed>> VmFeedService::feeds(const Identity &caller)
{
    const Result<void> allowed = may(caller, Action::View);
    if (!allowed)
        return allowed.error();
    return m_feeds.list();
}

Result<VmFeed> VmFeedService::feedFor(const Identity &caller, const QString &uuid, Action action)
{
    const Result<void> allowed = may(caller, action);
    if (!allowed)
        return allowed.error();
    return m_feeds.byUuid(uuid);
}

Result<VmFeed> VmFeedService::feed(const Identity &caller, const QString &uuid)
{
    return feedFor(caller, uuid, Action::View);
}

Result<QUrl> VmFeedService::fetchUrl(const VmFeed &feed) const
{
    QUrl url(feed.url);
    if (feed.sealedCredentials.isEmpty())
        return url;
    const Result<QByteArray> credentials = m_sealer.open(feed.sealedCredentials);
    if (!credentials)
        return credentials.error();
    url.setUserInfo(QString::fromUtf8(credentials.value()), QUrl::DecodedMode);
    return url;
}

Result<std::pair<QString, QList<FeedItem>>> VmFeedService::fetchFeed(const QUrl &url)
{
    QByteArray xml;
    QBuffer buffer(&xml);
    buffer.open(QIODevice::WriteOnly);
    const Result<void> fetched =
        FeedFetcher::get(url, buffer, MaxFeedBytes, m_settings.feedsAllowPrivate,
                         [](qint64, qint64) { return true; });
    if (!fetched)
        return fetched.error();
    return VmFeedRss::parse(xml, url.adjusted(QUrl::RemoveUserInfo));
}

Result<VmFeed> VmFeedService::read(const VmFeed &feed)
{
    const Result<QUrl> url = fetchUrl(feed);
    if (!url)
        return url.error();
    const Result<std::pair<QString, QList<FeedItem>>> parsed = fetchFeed(url.value());
    if (!parsed) {
        (void)m_feeds.recordError(feed.id, parsed.error().message);
        return parsed.error();
    }
    const Result<int> listed = m_feeds.replaceItems(feed, parsed->first, parsed->second,
                                                    QDateTime::currentMSecsSinceEpoch());
    if (!listed)
        return listed.error();
    return m_feeds.byUuid(feed.uuid);
}

Result<VmFeed> VmFeedService::subscribe(const Identity &caller, const QString &urlText)
{
    const Result<void> allowed = may(caller, Action::Add);
    if (!allowed)
        return allowed.error();
    const Result<QUrl> url = FeedFetcher::checkedUrl(urlText);
    if (!url)
        return url.error();
    // Read before it is recorded: a URL that is not a feed is refused and leaves nothing.
    const Result<std::pair<QString, QList<FeedItem>>> parsed = fetchFeed(url.value());
    if (!parsed)
        return parsed.error();
    const QString credentials = url->userInfo(QUrl::FullyDecoded);
    Result<VmFeed> added =
        m_feeds.insert(url->adjusted(QUrl::RemoveUserInfo).toString(),
                       credentials.isEmpty() ? QString() : m_sealer.seal(credentials.toUtf8()));
    if (!added)
        return added;
    const Result<int> listed = m_feeds.replaceItems(added.value(), parsed->first, parsed->second,
                                                    QDateTime::currentMSecsSinceEpoch());
    if (!listed)
        return listed.error();
    return m_feeds.byUuid(added->uuid);
}

Result<VmFeed> VmFeedService::refresh(const Identity &caller, const QString &uuid)
{
    Result<VmFeed> found = feedFor(caller, uuid, Action::Add);
    if (!found)
        return found;
    return read(found.value());
}

Result<VmFeed> VmFeedService::unsubscribe(const Identity &caller, const QString &uuid)
{
    Result<VmFeed> found = feedFor(caller, uuid, Action::Add);
    if (!found)
        return found;
    const Result<void> removed = m_feeds.remove(found->id);
    if (!removed)
        return removed.error();
    return found;
}

Result<VirtTransaction> VmFeedService::download(const Identity &caller, const QString &packageUuid)
{
    const Result<Package> package = m_packages.get(caller, packageUuid);
    if (!package)
        return package.error();
    const Result<void> allowed = m_packages.mayAdd(caller);
    if (!allowed)
        return allowed.error();
    if (package->isPresent())
        return Error::conflict(
            QStringLiteral("Package %1 is in the local repository already.").arg(package->name));
    const Result<VmFeed> feed = m_feeds.byUuid(package->feedUuid);
    if (!feed)
        return feed.error();
    Result<QUrl> from = fetchUrl(feed.value());
    if (!from)
        return from.error();
    // An enclosure is any URL the feed names: http or https only, and the feed's credentials
    // go with it only to the feed's own scheme, host and port.
    Result<QUrl> checked = FeedFetcher::checkedUrl(package->enclosureUrl);
    if (!checked)
        return Error::badRequest(
            QStringLiteral("The feed gives package %1 an enclosure that is not http or https.")
                .arg(package->uuid));
    QUrl enclosure = checked.value();
    if (enclosure.scheme() == from->scheme() && enclosure.host() == from->host() &&
        enclosure.port() == from->port())
        enclosure.setUserInfo(from->userInfo());
    return m_virt.startTransaction(
        caller, package->uuid, QStringLiteral("download"),
        [this, package = package.value(), enclosure](JobContext &context) {
            return fetchPackage(context, package, enclosure);
        });
}

Result<QJsonObject> VmFeedService::fetchPackage(JobContext &context, const Package &package,
                                                const QUrl &from)
{
    const QString path = m_packages.archivePath(package.uuid);
    const QString partial = path + QStringLiteral(".download");
    const auto refuse = [&](const Error &error) -> Result<QJsonObject> {
        QFile::remove(partial);
        return error;
    };
    {
        QFile file(partial);
        if (!file.open(QIODevice::WriteOnly))
            return Error::internal(QStringLiteral("Cannot write %1.").arg(partial));
        const Result<void> fetched =
            FeedFetcher::get(from, file, maxArchiveBytes(), m_settings.feedsAllowPrivate,
                             [&](qint64 done, qint64 total) {
                                 context.setProgress(int(total > 0 ? done * 80 / total : 0));
                                 return !context.isCancelled();
                             });
        if (!fetched)
            return refuse(fetched.error());
    }
    const Result<QString> sha1 = PackageArchive::sha1Of(partial);
    if (!sha1)
        return refuse(sha1.error());
    if (!package.sha1.isEmpty() && sha1.value() != package.sha1)
        return refuse(Error::badRequest(
            QStringLiteral("The archive of %1 has sha1 %2, not the %3 its feed gives: refused.")
                .arg(package.name, sha1.value(), package.sha1)));
    const Result<PackageArchive::Contents> contents = PackageArchive::read(partial);
    if (!contents)
        return refuse(contents.error());
    const Result<void> verified =
        PackageArchive::verify(partial, contents->manifest, [&](qint64 done, qint64 total) {
            context.setProgress(80 + int(total > 0 ? done * 19 / total : 19));
            return !context.isCancelled();
        });
    if (!verified)
        return refuse(verified.error());
    QFile::remove(path);
    if (!QFile::rename(partial, path))
        return refuse(Error::internal(QStringLiteral("Cannot move the package to %1.").arg(path)));
    const qint64 size = QFileInfo(path).size();
    const Result<void> present =
        m_packages.repository().markPresent(package.id, contents->manifest, size, sha1.value());
    if (!present) {
        QFile::remove(path);
        return present.error();
    }
    context.setProgress(100);
    return QJsonObject{{QStringLiteral("package"), package.uuid},
                       {QStringLiteral("size"), size},
                       {QStringLiteral("sha1"), sha1.value()}};
}

Result<QByteArray> VmFeedService::rss(const Identity &caller, const QUrl &base)
{
    const Result<QList<Package>> packages = m_packages.list(caller);
    if (!packages)
        return packages.error();
    QList<Package> present;
    for (const Package &package : packages.value()) {
        if (package.isPresent())
            present << package;
    }
    return VmFeedRss::write(present, base, QStringLiteral("Cairn packages at %1").arg(base.host()));
}

} // namespace Cairn
