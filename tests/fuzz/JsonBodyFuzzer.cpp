// Request bodies as handlers read them: JSON, or an HTML form typed by the route's schema (the
// first byte chooses). Also the request target: path segments and query values.
#include "FuzzInput.h"
#include "routing/ApiRequest.h"
#include "routing/JsonSchema.h"

using namespace Cairn;

namespace {

const QJsonObject &bodySchema()
{
    static const QJsonObject schema = JsonSchema::object({
        {QStringLiteral("name"), JsonSchema::text(255)},
        {QStringLiteral("count"), JsonSchema::ofType("integer")},
        {QStringLiteral("ratio"), JsonSchema::ofType("number")},
        {QStringLiteral("enabled"), JsonSchema::ofType("boolean")},
        {QStringLiteral("tags"), JsonSchema::arrayOf(JsonSchema::ofType("string"))},
        {QStringLiteral("attributes"), JsonSchema::ofType("object")},
    });
    return schema;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    HttpRequest http;
    http.method = "POST";
    http.body = Fuzz::bytesOf(data + 1, size - 1);
    const bool form = data[0] & 1;
    const QByteArray contentType = form ? QByteArrayLiteral("application/x-www-form-urlencoded")
                                        : QByteArrayLiteral("application/json");
    http.headers.append(qMakePair(QByteArrayLiteral("content-type"), contentType));
    const ApiRequest request{http, {}, std::nullopt, &bodySchema()};
    (void)request.bodyObject();

    const QString target = QString::fromUtf8(http.body);
    http.segments = HttpRequest::splitPath(target.section(QLatin1Char('?'), 0, 0));
    http.query.setQuery(target.section(QLatin1Char('?'), 1));
    (void)http.queryValue(QStringLiteral("name"));
    return 0;
}
