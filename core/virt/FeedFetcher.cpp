#include "FeedFetcher.h"

#include <QEventLoop>
#include <QHostInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Cairn {

Result<QUrl> FeedFetcher::checkedUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") ||
        url.host().isEmpty())
        return Error::invalidField(QStringLiteral("url"),
                                   QStringLiteral("Give the feed's http:// or https:// URL."));
    return url;
}

Result<void> FeedFetcher::checkTarget(const QUrl &url, bool allowPrivate)
{
    const Result<QUrl> checked = checkedUrl(url.toString());
    if (!checked)
        return checked.error();
    if (allowPrivate)
        return {};
    const QHostInfo resolved = QHostInfo::fromName(url.host());
    if (resolved.error() != QHostInfo::NoError || resolved.addresses().isEmpty())
        return Error::unavailable(QStringLiteral("feed"),
                                  QStringLiteral("%1 does not resolve.").arg(url.host()));
    // RFC 1918, shared (RFC 6598) and "this network"; Qt 6.4 counts them as global.
    static const QList<QPair<QHostAddress, int>> privateNetworks{
        QHostAddress::parseSubnet(QStringLiteral("10.0.0.0/8")),
        QHostAddress::parseSubnet(QStringLiteral("172.16.0.0/12")),
        QHostAddress::parseSubnet(QStringLiteral("192.168.0.0/16")),
        QHostAddress::parseSubnet(QStringLiteral("100.64.0.0/10")),
        QHostAddress::parseSubnet(QStringLiteral("0.0.0.0/8"))};
    for (const QHostAddress &resolvedAddress : resolved.addresses()) {
        // An IPv4-mapped IPv6 address is judged as the IPv4 address it is.
        bool mapped = false;
        const quint32 ipv4 = resolvedAddress.toIPv4Address(&mapped);
        const QHostAddress address = mapped ? QHostAddress(ipv4) : resolvedAddress;
        const bool inside = address.isLoopback() || address.isLinkLocal() ||
                            address.isSiteLocal() || address.isUniqueLocalUnicast() ||
                            address.isBroadcast() || address.isMulticast() ||
                            address == QHostAddress::AnyIPv6 ||
                            std::any_of(privateNetworks.cbegin(), privateNetworks.cend(),
                                        [&address](const QPair<QHostAddress, int> &network) {
                                            return address.isInSubnet(network);
                                        });
        if (inside)
            return Error::forbidden(
                QStringLiteral("%1 is on an inside address (%2); allow such feeds with [virt] "
                               "feeds_allow_private=true.")
                    .arg(url.host(), address.toString()));
    }
    return {};
}

Result<void> FeedFetcher::get(const QUrl &url, QIODevice &sink, qint64 maxBytes, bool allowPrivate,
                              const CopyProgress &progress, int idleMs)
{
    const Result<void> target = checkTarget(url, allowPrivate);
    if (!target)
        return target.error();
    QNetworkAccessManager manager;
    QUrl bare = url;
    bare.setUserInfo(QString());
    QNetworkRequest request(bare);
    request.setTransferTimeout(idleMs);
    // The Authorization header is the feed's: never to another origin.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    if (!url.userName().isEmpty())
        request.setRawHeader("Authorization",
                             "Basic " + (url.userName(QUrl::FullyDecoded) + QLatin1Char(':') +
                                         url.password(QUrl::FullyDecoded))
                                            .toUtf8()
                                            .toBase64());
    QNetworkReply *reply = manager.get(request);
    std::optional<Error> failed;
    qint64 done = 0;
    QEventLoop loop;
    const auto drain = [&] {
        const QByteArray chunk = reply->readAll();
        if (chunk.isEmpty() || failed)
            return;
        done += chunk.size();
        if (done > maxBytes)
            failed = Error::unavailable(
                QStringLiteral("feed"),
                QStringLiteral("%1 sends more than %2 bytes.").arg(bare.toString()).arg(maxBytes));
        else if (sink.write(chunk) != chunk.size())
            failed = Error::internal(QStringLiteral("Cannot write: %1").arg(sink.errorString()));
        else if (!progress(done, reply->header(QNetworkRequest::ContentLengthHeader).toLongLong()))
            failed = Error::conflict(QStringLiteral("Cancelled."));
        if (failed)
            reply->abort();
    };
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, drain);
    QObject::connect(reply, &QNetworkReply::finished, &loop, [&] {
        drain();
        loop.quit();
    });
    loop.exec();
    reply->deleteLater();
    if (failed)
        return *failed;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status != 200)
        return Error::unavailable(QStringLiteral("feed"), QStringLiteral("%1 answered %2: %3")
                                                              .arg(bare.toString())
                                                              .arg(status)
                                                              .arg(reply->errorString()));
    return {};
}

} // namespace Cairn
