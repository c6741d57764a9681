#pragma once

#include "Error.h"
#include "Face.h"
#include "server/HttpResponse.h"

#include <span>

namespace Cairn {

// Turns an Error into the response each face's clients parse: NSoT and native
// {"error": {"code", "message"}}, eNMS {"alert"}, the toolkit {"detail"} or {"field": [..]},
// Enomalism {"errno", "message"}, ZTP plain text.
class FaceErrors
{
public:
    static int statusOf(ErrorCode code);
    static HttpResponse response(Face face, const Error &error);
    // Same, with the status given (404 and 405 from the router have no ErrorCode of their own).
    static HttpResponse response(Face face, int status, const Error &error);
    // The Enomalism face's errno for an HTTP status: the table below, 9 for other server
    // errors and 1 for other client errors.
    static int enomalismErrno(int status);

    // One row of the errno table that docs/api-errors.md documents (a test keeps them equal).
    struct EnomalismErrno
    {
        int value;
        int status;
        const char *meaning;
    };
    static std::span<const EnomalismErrno> enomalismErrnos();
};

} // namespace Cairn
