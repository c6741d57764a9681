#pragma once

#include "FaceErrors.h"
#include "Result.h"

#include <QJsonValue>

namespace Cairn {

// A handler's Result as the face's response: the value with `status`, or the error envelope.
template <typename T> HttpResponse respond(Face face, const Result<T> &result, int status = 200)
{
    if (!result)
        return FaceErrors::response(face, result.error());
    if constexpr (std::is_same_v<T, QJsonValue>)
        return HttpResponse::json(result.value(), status);
    else
        return HttpResponse::json(QJsonValue(result.value()), status);
}

} // namespace Cairn
