#pragma once

#include <QJsonObject>
#include <QString>

namespace Cairn {

// What went wrong, independent of any protocol; httpapi maps each code to a status in one place.
enum class ErrorCode
{
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    PayloadTooLarge,
    TooManyRequests,
    Unavailable,
    Internal,
};

struct Error
{
    Error(ErrorCode code = ErrorCode::Internal, QString message = {}, QJsonObject fields = {},
          QString reason = {})
        : code(code)
        , message(std::move(message))
        , fields(std::move(fields))
        , reason(std::move(reason))
    {
    }

    ErrorCode code;
    QString message;
    // Field name -> message, for validation errors that name what the caller must fix.
    QJsonObject fields;
    // Which failure of its kind this is, for callers that treat them differently (a device
    // that refused the connection versus one that refused the password); empty when one kind.
    QString reason;

    static Error badRequest(const QString &message, const QJsonObject &fields = {});
    static Error invalidField(const QString &field, const QString &message);
    static Error unauthorized(const QString &message);
    static Error forbidden(const QString &message);
    static Error notFound(const QString &message);
    static Error conflict(const QString &message);
    static Error internal(const QString &message);
    static Error unavailable(const QString &reason, const QString &message);

    // The code as stored with what failed (a job's result), and back; Internal when unknown.
    static QString codeName(ErrorCode code);
    static ErrorCode codeFromName(const QString &name);
};

} // namespace Cairn
