#include "Error.h"

namespace Cairn {

Error Error::badRequest(const QString &message, const QJsonObject &fields)
{
    return {ErrorCode::BadRequest, message, fields};
}

Error Error::invalidField(const QString &field, const QString &message)
{
    return {ErrorCode::BadRequest, message, QJsonObject{{field, message}}};
}

Error Error::unauthorized(const QString &message)
{
    return {ErrorCode::Unauthorized, message, {}};
}

Error Error::forbidden(const QString &message)
{
    return {ErrorCode::Forbidden, message, {}};
}

Error Error::notFound(const QString &message)
{
    return {ErrorCode::NotFound, message, {}};
}

Error Error::conflict(const QString &message)
{
    return {ErrorCode::Conflict, message, {}};
}

Error Error::internal(const QString &message)
{
    return {ErrorCode::Internal, message, {}};
}

Error Error::unavailable(const QString &reason, const QString &message)
{
    return {ErrorCode::Unavailable, message, {}, reason};
}

} // namespace Cairn
