#include "VmFeedController.h"

#include "CoreServices.h"
#include "Counted.h"
#include "EnomalismSupport.h"
#include "routing/Router.h"

#include <QJsonArray>

namespace Cairn {

namespace {

using Enomalism::answer;
using Enomalism::failure;
using Enomalism::variable;

QString uuidOf(const ApiRequest &request)
{
    return request.pathParam(QStringLiteral("uuid"));
}

QJsonArray packageObjects(const QList<Package> &packages, const QString &feedUuid = QString())
{
    QJsonArray objects;
    for (const Package &package : packages) {
        if (feedUuid.isEmpty() || package.feedUuid == feedUuid)
            objects.append(package.toJson());
    }
    return objects;
}

HttpResponse listPackages(CoreServices &core, const ApiRequest &request)
{
    const Result<QList<Package>> packages = core.packages().list(*request.identity);
    if (!packages)
        return failure(packages.error());
    const Result<QList<VmFeed>> subscribed = core.vmFeeds().feeds(*request.identity);
    if (!subscribed)
        return failure(subscribed.error());
    QJsonArray feeds;
    for (const VmFeed &feed : subscribed.value())
        feeds.append(feed.toJson());
    return answer({{QStringLiteral("packages"), packageObjects(packages.value())},
                   {QStringLiteral("feeds"), feeds}},
                  counted(packages->size(), QStringLiteral("package"), QStringLiteral("packages")) +
                      QLatin1Char('.'));
}

HttpResponse feedAnswer(CoreServices &core, const Identity &caller, const Result<VmFeed> &feed,
                        const QString &message)
{
    if (!feed)
        return failure(feed.error());
    const Result<QList<Package>> packages = core.packages().list(caller);
    if (!packages)
        return failure(packages.error());
    return answer({{QStringLiteral("uuid"), feed->uuid},
                   {QStringLiteral("feed"), feed->toJson()},
                   {QStringLiteral("packages"), packageObjects(packages.value(), feed->uuid)}},
                  message);
}

HttpResponse subscribe(CoreServices &core, const ApiRequest &request)
{
    const Result<QString> url = variable(request, QStringLiteral("url"));
    if (!url)
        return failure(url.error());
    return HttpResponse::later([services = &core, caller = *request.identity, url = url.value()] {
        const Result<VmFeed> feed = services->vmFeeds().subscribe(caller, url);
        return feedAnswer(*services, caller, feed,
                          feed ? QStringLiteral("Subscribed to %1.").arg(feed->url) : QString());
    });
}

HttpResponse rss(CoreServices &core, const ApiRequest &request)
{
    const QUrl base(QStringLiteral("http://") + QString::fromLatin1(request.http.header("host")));
    const Result<QByteArray> feed = core.vmFeeds().rss(*request.identity, base);
    if (!feed)
        return failure(feed.error());
    return HttpResponse::bytes(feed.value(), "application/rss+xml; charset=utf-8");
}

HttpResponse packageAnswer(const Result<Package> &package, const QString &what)
{
    if (!package)
        return failure(package.error());
    return answer({{QStringLiteral("package"), package->toJson()}},
                  QStringLiteral("Package %1 %2%3.").arg(package->name, package->version, what));
}

HttpResponse describePackage(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<QString>> name =
        Enomalism::optionalVariable(request, QStringLiteral("name"));
    const Result<std::optional<QString>> description =
        Enomalism::optionalVariable(request, QStringLiteral("description"));
    if (!name || !description)
        return failure(name ? description.error() : name.error());
    return packageAnswer(core.packages().describe(*request.identity, uuidOf(request), name.value(),
                                                  description.value()),
                         QStringLiteral(" updated"));
}

HttpResponse downloadPackage(CoreServices &core, const ApiRequest &request)
{
    const Result<Package> package = core.packages().get(*request.identity, uuidOf(request));
    if (!package)
        return failure(package.error());
    if (!package->isPresent())
        return failure(
            Error::conflict(QStringLiteral("Package %1 is listed by a feed but not downloaded.")
                                .arg(package->name)));
    Result<HttpResponse> archive =
        HttpResponse::streamedFile(core.packages().archivePath(package->uuid), "application/zip");
    if (!archive)
        return failure(
            Error::internal(QStringLiteral("The archive of %1 is missing.").arg(package->name)));
    return archive.value()
        .withHeader("Content-Disposition",
                    "attachment; filename=\"" + package->uuid.toLatin1() + ".zip\"")
        .withHeader("X-Package-Sha1", package->sha1.toLatin1());
}

HttpResponse queueDownload(CoreServices &core, const ApiRequest &request)
{
    const Result<VirtTransaction> started =
        core.vmFeeds().download(*request.identity, uuidOf(request));
    if (!started)
        return failure(started.error());
    return answer({{QStringLiteral("tx"), started->uuid}},
                  QStringLiteral("Downloading package %1; follow it at /rest/transaction/%2/.")
                      .arg(started->machineUuid, started->uuid),
                  202);
}

HttpResponse actOnFeed(CoreServices &core, const ApiRequest &request)
{
    const Result<QString> action = variable(request, QStringLiteral("action"));
    if (!action)
        return failure(action.error());
    const Identity caller = *request.identity;
    const QString uuid = uuidOf(request);
    if (action.value() == u"delete")
        return feedAnswer(core, caller, core.vmFeeds().unsubscribe(caller, uuid),
                          QStringLiteral("Unsubscribed."));
    if (action.value() != u"refresh" && !action->isEmpty())
        return failure(Error::invalidField(QStringLiteral("action"),
                                           QStringLiteral("The action is refresh or delete.")));
    return HttpResponse::later([services = &core, caller, uuid] {
        return feedAnswer(*services, caller, services->vmFeeds().refresh(caller, uuid),
                          QStringLiteral("Feed read again."));
    });
}

} // namespace

void VmFeedController::registerRoutes(Router &router, CoreServices &core)
{
    using Enomalism::addRoute;
    const auto handler = [&core](HttpResponse (*handle)(CoreServices &, const ApiRequest &)) {
        return [&core, handle](const ApiRequest &request) {
            return handle(core, request);
        };
    };
    addRoute(
        router, "GET", QStringLiteral("/rest/vmfeed/"), QStringLiteral("List packages"),
        QStringLiteral("`{packages: [{uuid, name, description, version, virt_class, vcpus, "
                       "memory, disks, state (present | remote), size, sha1, feed}], feeds}`."),
        handler(listPackages));
    addRoute(router, "PUT", QStringLiteral("/rest/vmfeed/"), QStringLiteral("Subscribe to a feed"),
             QStringLiteral("`url`: an RSS 2.0 VM feed (http or https; user:password@ for a "
                            "feed that needs them, kept sealed). It is read first: 400 naming url "
                            "when it is not a feed, 503 when it cannot be reached, 409 when "
                            "subscribed already. `{uuid, feed, packages}`."),
             handler(subscribe), {{"url"}});
    addRoute(router, "GET", QStringLiteral("/rest/vmfeed/rss/"),
             QStringLiteral("This repository as a VM feed"),
             QStringLiteral("RSS 2.0: an item per package you may view, its archive as the "
                            "enclosure, with Cairn's version, virt_class and sha1 elements."),
             handler(rss));
    const QString remote = QStringLiteral("/rest/vmfeed/repo/package/{uuid}/");
    addRoute(router, "GET", remote, QStringLiteral("A package of a feed"),
             QStringLiteral("`{package}`."), [&core](const ApiRequest &request) {
                 return packageAnswer(core.packages().get(*request.identity, uuidOf(request)),
                                      QString());
             });
    addRoute(router, "POST", remote, QStringLiteral("Download a package of a feed"),
             QStringLiteral("A transaction that fetches the archive, checks its sha1 against the "
                            "feed's and each disk against the manifest (a mismatch is refused and "
                            "nothing kept), then makes it present. 202 `{tx}`."),
             handler(queueDownload));
    addRoute(router, "DELETE", remote, QStringLiteral("Forget a package of a feed"),
             QStringLiteral("Removes it from the repository, with its archive when downloaded."),
             [&core](const ApiRequest &request) {
                 return packageAnswer(core.packages().remove(*request.identity, uuidOf(request)),
                                      QStringLiteral(" removed"));
             });
    const QString feed = QStringLiteral("/rest/vmfeed/repo/{uuid}/");
    addRoute(router, "GET", feed, QStringLiteral("A subscribed feed"),
             QStringLiteral("`{uuid, feed: {uuid, url, title, last_error, refreshed}, packages}`."),
             [&core](const ApiRequest &request) {
                 return feedAnswer(core, *request.identity,
                                   core.vmFeeds().feed(*request.identity, uuidOf(request)),
                                   QStringLiteral("Feed."));
             });
    addRoute(router, "POST", feed, QStringLiteral("Refresh or remove a feed"),
             QStringLiteral("`action`: refresh (the default: read it again) or delete."),
             handler(actOnFeed), {{"action"}});
    addRoute(router, "DELETE", feed, QStringLiteral("Unsubscribe from a feed"),
             QStringLiteral("Its packages not downloaded go with it."),
             [&core](const ApiRequest &request) {
                 return feedAnswer(core, *request.identity,
                                   core.vmFeeds().unsubscribe(*request.identity, uuidOf(request)),
                                   QStringLiteral("Unsubscribed."));
             });
    addRoute(router, "GET", QStringLiteral("/rest/vmfeed/{uuid}/download/"),
             QStringLiteral("Download a package"),
             QStringLiteral("The archive (application/zip), streamed; its sha1 in X-Package-Sha1."),
             handler(downloadPackage));
    const QString package = QStringLiteral("/rest/vmfeed/{uuid}/");
    addRoute(router, "GET", package, QStringLiteral("Get a package"),
             QStringLiteral("`{package}`."), [&core](const ApiRequest &request) {
                 return packageAnswer(core.packages().get(*request.identity, uuidOf(request)),
                                      QString());
             });
    addRoute(router, "POST", package, QStringLiteral("Describe a package"),
             QStringLiteral("`name` and/or `description`."), handler(describePackage),
             {{"name"}, {"description"}});
    addRoute(router, "DELETE", package, QStringLiteral("Delete a package"),
             QStringLiteral("The record and its archive; machines provisioned from it stay."),
             [&core](const ApiRequest &request) {
                 return packageAnswer(core.packages().remove(*request.identity, uuidOf(request)),
                                      QStringLiteral(" deleted"));
             });
}

} // namespace Cairn
