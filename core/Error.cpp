#include "Error.h"

#include <array>
#include <utility>

namespace Cairn {

namespace {

constexpr std::array<std::pair<ErrorCode, const char *>, 9> CodeNames{{
    {ErrorCode::BadRequest, "bad_request"},
    {ErrorCode::Unauthorized, "unauthorized"},
    {ErrorCode::Forbidden, "forbidden"},
    {ErrorCode::NotFound, "not_found"},
    {ErrorCode::Conflict, "conflict"},
    {ErrorCode::PayloadTooLarge, "payload_too_large"},
    {ErrorCode::TooManyRequests, "too_many_requests"},
    {ErrorCode::Unavailable, "unavailable"},
    {ErrorCode::Internal, "internal"},
}};

} // namespace

QString Error::codeName(ErrorCode code)
{
    for (const auto &[value, name] : CodeNames) {
        if (value == code)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("internal");
}

ErrorCode Error::codeFromName(const QString &name)
{
    for (const auto &[value, text] : CodeNames) {
        if (name == QLatin1String(text))
            return value;
    }
    return ErrorCode::Internal;
}

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
