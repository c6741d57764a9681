#include "FaceErrors.h"

#include <QJsonArray>
#include <array>

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

std::span<const FaceErrors::EnomalismErrno> FaceErrors::enomalismErrnos()
{
    // Stable: scripts test these numbers. New outcomes get new numbers, never old ones.
    static constexpr std::array<EnomalismErrno, 11> Table{{
        {0, 200, "Success; 202 when a transaction was started and is still running."},
        {1, 400, "A variable is missing or wrong; `fields` names it."},
        {2, 401, "Not authenticated: no credentials, or wrong ones."},
        {3, 403, "Authenticated, but not allowed this on this object."},
        {4, 404, "No such object (machine, hypervisor, transaction, ...) or path."},
        {5, 405, "The path exists but not with this method."},
        {6, 409,
         "The object's state refuses it: locked, busy with a transaction (named), "
         "in the wrong state, a name taken, a network exhausted."},
        {7, 413, "The request is larger than the server accepts."},
        {8, 503, "The hypervisor (or another service the action needs) cannot be reached."},
        {9, 500, "The server failed; its log has the details."},
        {10, 429, "Too many requests from this caller or address; wait, then retry."},
    }};
    return Table;
}

int FaceErrors::enomalismErrno(int status)
{
    for (const EnomalismErrno &row : enomalismErrnos()) {
        if (row.status == status)
            return row.value;
    }
    return status >= 500 ? 9 : 1;
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
    case Face::Ztp: {
        // Read by people in a switch's bootstrap log: plain text, each field on its own line.
        QString text = error.message + QLatin1Char('\n');
        for (auto it = error.fields.begin(); it != error.fields.end(); ++it)
            text += it.key() + QStringLiteral(": ") + it.value().toString() + QLatin1Char('\n');
        return HttpResponse::bytes(text.toUtf8(), "text/plain; charset=utf-8", status);
    }
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
