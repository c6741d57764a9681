#include "Face.h"

namespace Cairn {

QString faceName(Face face)
{
    switch (face) {
    case Face::Native:
        return QStringLiteral("native");
    case Face::Nsot:
        return QStringLiteral("nsot");
    case Face::Enms:
        return QStringLiteral("enms");
    case Face::Toolkit:
        return QStringLiteral("toolkit");
    case Face::Enomalism:
        return QStringLiteral("enomalism");
    case Face::Ztp:
        return QStringLiteral("ztp");
    case Face::Docs:
        return QStringLiteral("docs");
    }
    return {};
}

Face faceForPath(const QString &path)
{
    if (path.startsWith(QLatin1String("/api/plugins/toolkit/")))
        return Face::Toolkit;
    if (path.startsWith(QLatin1String("/rest/")))
        return Face::Enms;
    return Face::Nsot;
}

} // namespace Cairn
