#pragma once

#include "Result.h"
#include "routing/ApiRequest.h"
#include "routing/FaceErrors.h"
#include "server/HttpResponse.h"

#include <QJsonArray>

namespace Cairn {

class CoreServices;
class Representation;

// What every NSoT controller needs: errors in NSoT's envelope, 201 with Location, the site of
// a nested route, id lists for bulk delete, and the site expander.
namespace Nsot {

HttpResponse error(const Error &error);
HttpResponse created(const ApiRequest &request, const QJsonValue &body, std::optional<qint64> id);
// The site of /api/sites/{site_id}/..., empty on the top-level routes; 404 if it does not exist.
Result<std::optional<qint64>> nestedSite(CoreServices &core, const ApiRequest &request);
// A bulk DELETE body: a JSON array of integer ids.
Result<QList<qint64>> idList(const ApiRequest &request);
// Body as an array of objects (a single object becomes a one-item array); `wasArray` says which.
Result<QJsonArray> items(const ApiRequest &request, bool *wasArray);
void addSiteExpander(Representation &representation, CoreServices &core);

} // namespace Nsot
} // namespace Cairn
