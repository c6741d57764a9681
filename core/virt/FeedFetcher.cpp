#include "FeedFetcher.h"

#include <QEventLoop>
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

Result<void> FeedFetcher::get(const QUrl &url, QIODevice &sink, qint64 maxBytes,
                              const CopyProgress &progress, int idleMs)
{
    QNetworkAccessManager manager;
    QUrl bare = url;
    bare.setUserInfo(QString());
    QNetworkRequest request(bare);
    request.setTransferTimeout(idleMs);
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
        if (maxBytes > 0 && done > maxBytes)
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
