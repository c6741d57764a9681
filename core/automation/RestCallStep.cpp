#include "RestCallStep.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace Cairn {

namespace {

bool isHeaderText(const QString &text)
{
    return !text.contains(QLatin1Char('\r')) && !text.contains(QLatin1Char('\n'));
}

} // namespace

Result<QJsonObject> RestCallStep::secretsOf(const Service &service) const
{
    if (service.sealedSecret.isEmpty())
        return QJsonObject();
    const Result<QByteArray> opened = m_sealer.open(service.sealedSecret);
    if (!opened)
        return opened.error();
    return QJsonDocument::fromJson(opened.value()).object();
}

Result<StepOutput> RestCallStep::run(const StepInput &input)
{
    const QJsonObject &settings = input.service.settings;
    const Result<QJsonObject> secrets = secretsOf(input.service);
    if (!secrets)
        return secrets.error();
    const QUrl url(settings.value(QLatin1String("rest_url")).toString(), QUrl::StrictMode);
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        return Error::invalidField(QStringLiteral("rest_url"),
                                   QStringLiteral("Not an http or https URL."));
    }
    // A rendered template may not put a login in the URL, where results would show it.
    if (!url.userInfo().isEmpty())
        return Error::invalidField(QStringLiteral("rest_url"),
                                   QStringLiteral("The URL may not hold a login: give username "
                                                  "and password."));
    QNetworkRequest request(url);
    // A redirect elsewhere would carry the login and headers to a host nobody chose.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    const int timeoutMs = settings.value(QLatin1String("timeout")).toInt(10) * 1000;
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QJsonObject headers = secrets->value(QLatin1String("headers")).toObject();
    for (auto header = headers.begin(); header != headers.end(); ++header) {
        if (!isHeaderText(header.key()) || !isHeaderText(header.value().toString()))
            return Error::invalidField(QStringLiteral("headers"),
                                       QStringLiteral("A header may not hold a line break."));
        request.setRawHeader(header.key().toUtf8(), header.value().toString().toUtf8());
    }
    const QString username = settings.value(QLatin1String("username")).toString();
    if (!username.isEmpty()) {
        const QByteArray login =
            username.toUtf8() + ':' + secrets->value(QLatin1String("password")).toString().toUtf8();
        request.setRawHeader("Authorization", "Basic " + login.toBase64());
    }
    const QByteArray method = settings.value(QLatin1String("call_type")).toString().toLatin1();
    const bool hasBody = method == "POST" || method == "PUT" || method == "PATCH";
    const QByteArray body = hasBody
                                ? QJsonDocument(settings.value(QLatin1String("payload")).toObject())
                                      .toJson(QJsonDocument::Compact)
                                : QByteArray();

    // A worker thread has no event loop of its own: the request runs in this one.
    QNetworkAccessManager network;
    QEventLoop loop;
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    bool tooLarge = false;
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [&](qint64 received) {
        if (received > MaxBodyBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // The whole call within the timeout (a server may trickle its answer), and a stopped run
    // stops it.
    const QDeadlineTimer deadline(timeoutMs);
    bool timedOut = false;
    QTimer watch;
    QObject::connect(&watch, &QTimer::timeout, reply, [&] {
        timedOut = deadline.hasExpired();
        if (timedOut || input.stopped())
            reply->abort();
    });
    watch.start(100);
    loop.exec();
    watch.stop();
    reply->deleteLater();
    const QString shownUrl = url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    if (tooLarge)
        return Error::badRequest(
            QStringLiteral("The answer is larger than %1 MB.").arg(MaxBodyBytes / (1024 * 1024)));
    if (timedOut)
        return Error{
            ErrorCode::Unavailable,
            QStringLiteral("%1 did not answer within %2 s.").arg(shownUrl).arg(timeoutMs / 1000)};
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        // Connection refused, TLS failure, stopped: no HTTP status at all. Qt's own text may
        // quote the URL's query (API keys): the error's name instead.
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("%1 %2 failed: %3")
                         .arg(QString::fromLatin1(method), shownUrl,
                              QString::fromLatin1(QMetaEnum::fromType<QNetworkReply::NetworkError>()
                                                      .valueToKey(reply->error())))};
    }
    const QByteArray answer = reply->readAll();
    QJsonParseError parseError{};
    const QJsonDocument json = QJsonDocument::fromJson(answer, &parseError);
    StepOutput step;
    if (parseError.error != QJsonParseError::NoError)
        step.result = QString::fromUtf8(answer);
    else
        step.result = json.isArray() ? QJsonValue(json.array()) : QJsonValue(json.object());
    const int code = status.toInt();
    const int expected = settings.value(QLatin1String("expected_status")).toInt();
    step.success = expected == 0 ? code >= 200 && code < 300 : code == expected;
    step.details.insert(QStringLiteral("status_code"), code);
    step.details.insert(QStringLiteral("url"), shownUrl);
    if (!step.success)
        step.details.insert(
            QStringLiteral("error"),
            QStringLiteral("Status %1, expected %2.")
                .arg(code)
                .arg(expected == 0 ? QStringLiteral("2xx") : QString::number(expected)));
    return step;
}

} // namespace Cairn
