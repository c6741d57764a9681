#include "FaceErrors.h"

#include <QJsonArray>

namespace Cairn {

int FaceErrors::statusOf(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest:
        return 400;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::Forbidden:
        return 403;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::Conflict:
        return 409;
    case ErrorCode::PayloadTooLarge:
        return 413;
    case ErrorCode::TooManyRequests:
        return 429;
    case ErrorCode::Unavailable:
        return 503;
    case ErrorCode::Internal:
        return 500;
    }
    return 500;
}

int FaceErrors::enomalismErrno(int status)
{
    // A stable errno per outcome (docs/api-errors.md); 0 is success.
    switch (status) {
    case 400:
        return 1;
    case 401:
        return 2;
    case 403:
        return 3;
    case 404:
        return 4;
    case 405:
        return 5;
    case 409:
        return 6;
    case 503:
        return 8;
    default:
        return status >= 500 ? 9 : 1;
    }
}

HttpResponse FaceErrors::response(Face face, const Error &error)
{
    return response(face, statusOf(error.code), error);
}

HttpResponse FaceErrors::response(Face face, int status, const Error &error)
{
    switch (face) {
    case Face::Enms:
        return HttpResponse::json(
            QJsonObject{{QStringLiteral("alert"),
                         QStringLiteral("Error %1 - %2").arg(status).arg(error.message)}},
            status);
    case Face::Toolkit: {
        if (status == 400 && !error.fields.isEmpty()) {
            QJsonObject fields;
            for (auto it = error.fields.begin(); it != error.fields.end(); ++it)
                // A message becomes NetBox's list of messages; lists and objects (problems
                // per variable) stay as they are.
                fields.insert(it.key(), it.value().isString() ? QJsonValue(QJsonArray{it.value()})
                                                              : it.value());
            return HttpResponse::json(fields, status);
        }
        return HttpResponse::json(QJsonObject{{QStringLiteral("detail"), error.message}}, status);
    }
    case Face::Enomalism: {
        QJsonObject body{{QStringLiteral("errno"), enomalismErrno(status)},
                         {QStringLiteral("message"), error.message}};
        // The seed has only errno and message; which variable was wrong is added beside them.
        if (!error.fields.isEmpty())
            body.insert(QStringLiteral("fields"), error.fields);
        return HttpResponse::json(body, status);
    }
    case Face::Ztp:
        // ZTPServer's client accepts its errors only as text/html.
        return HttpResponse::bytes(error.message.toHtmlEscaped().toUtf8() + '\n', "text/html",
                                   status);
    case Face::Native:
    case Face::Nsot:
    case Face::Docs:
        break;
    }
    const QJsonValue message =
        error.fields.isEmpty() ? QJsonValue(error.message) : QJsonValue(error.fields);
    return HttpResponse::json(
        QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), status},
                                                          {QStringLiteral("message"), message}}}},
        status);
}

} // namespace Cairn
