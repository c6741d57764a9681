#include "RouteAccessTable.h"

#include "routing/Router.h"

#include <QMap>

namespace Cairn {

namespace {

struct FaceAccess
{
    int withCredentials = 0;
    QStringList publicRoutes;
};

void describe(QString &out, const QString &listener, const Router &router)
{
    QMap<QString, FaceAccess> faces;
    for (const Route &route : router.routes()) {
        const RouteSpec &spec = route.spec();
        FaceAccess &face = faces[faceName(spec.face)];
        if (spec.isPublic)
            face.publicRoutes << QStringLiteral("`%1 %2`").arg(QString::fromLatin1(spec.method),
                                                               spec.path);
        else
            ++face.withCredentials;
    }
    for (auto face = faces.cbegin(); face != faces.cend(); ++face) {
        QStringList publicRoutes = face->publicRoutes;
        publicRoutes.sort();
        out += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                   .arg(listener, face.key())
                   .arg(face->withCredentials)
                   .arg(publicRoutes.isEmpty() ? QStringLiteral("none")
                                               : publicRoutes.join(QStringLiteral("<br>")));
    }
}

} // namespace

QString RouteAccessTable::markdown(const Router &api, const Router &ztp)
{
    QString out = QStringLiteral("| listener | face | routes that need credentials | public "
                                 "routes |\n|---|---|---|---|\n");
    describe(out, QStringLiteral("API"), api);
    describe(out, QStringLiteral("ZTP"), ztp);
    return out;
}

} // namespace Cairn
