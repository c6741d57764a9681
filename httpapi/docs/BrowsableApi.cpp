#include "BrowsableApi.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace Cairn {

bool BrowsableApi::wanted(const HttpRequest &request, const HttpResponse &response)
{
    const QByteArray accept = request.header("accept");
    // Browsers list text/html first; API clients ask for JSON (or anything).
    return request.method == "GET" && accept.startsWith("text/html") &&
           response.contentType == "application/json" &&
           request.rawPath.startsWith(QLatin1String("/api/"));
}

HttpResponse BrowsableApi::render(const HttpRequest &request, const HttpResponse &response)
{
    const QJsonDocument document = QJsonDocument::fromJson("[" + response.body + "]");
    QString json = QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
    // Drop the wrapping array and its indentation.
    json = json.mid(1, json.size() - 2)
               .trimmed()
               .replace(QLatin1String("\n    "), QLatin1String("\n"));
    QString escaped = json.toHtmlEscaped();
    static const QRegularExpression links(
        QStringLiteral("&quot;((?:https?://[^\\s<]*?)?/api/[^\\s<]*?)&quot;"));
    escaped.replace(links, QStringLiteral("&quot;<a href=\"\\1\">\\1</a>&quot;"));
    const QString path = request.rawPath.toHtmlEscaped();
    const QString page =
        QStringLiteral(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%1 — Cairn "
            "API</title>"
            "<style>body{font-family:sans-serif;margin:2em}pre{background:#f6f8fa;padding:1em;"
            "overflow:auto}h1{font-size:1.3em}.status{color:#555}</style></head><body>"
            "<h1>%1</h1><p class=\"status\">GET %1 — HTTP %2 %3 · <a href=\"/api/\">API root</a> · "
            "<a href=\"/api/docs/\">documentation</a></p><pre>%4</pre></body></html>\n")
            .arg(path)
            .arg(response.status)
            .arg(QString::fromLatin1(HttpResponse::reasonPhrase(response.status)), escaped);
    HttpResponse html =
        HttpResponse::bytes(page.toUtf8(), "text/html; charset=utf-8", response.status);
    html.headers = response.headers;
    html.withHeader("Vary", "Accept");
    return html;
}

} // namespace Cairn
