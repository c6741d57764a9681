#pragma once

#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace Cairn {

// A multipart/form-data body (RFC 7578), as browsers and python-requests' `files=` send it:
// its fields by name, each with the file name it was sent under, if any. The parts are
// views into the body, which outlives them.
class MultipartForm
{
public:
    struct Part
    {
        QString fileName;
        QByteArrayView data;
    };

    // The parts of `body` under the boundary `contentType` names; a body that is not such a
    // form is a 400.
    static Result<QHash<QString, Part>> parse(const QByteArray &contentType,
                                              const QByteArray &body);
};

} // namespace Cairn
