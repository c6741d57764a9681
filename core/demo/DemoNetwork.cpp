#include "DemoNetwork.h"

#include "CoreServices.h"
#include "auth/Sodium.h"
#include "toolkit/CommandService.h"
#include "ztp/ZtpDataRoot.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Cairn {

namespace {

// The demonstration's author: an ordinary user who may add commands and administers the sites
// it creates, as in NSoT. Not a superuser: a server whose only administrator nobody can sign in
// as must still say how to make one.
Result<Identity> demoIdentity(CoreServices &core)
{
    // A `demo` someone made is theirs: it must not gain grants from this.
    if (core.users().userByUsername(QStringLiteral("demo")))
        return Error::conflict(
            QStringLiteral("A user named demo exists already; the "
                           "demonstration is loaded as a demo user of its own."));
    const Result<User> author = core.users().addUser(NewUser{
        QStringLiteral("demo"), QString::fromLatin1(Sodium::randomBytes(24).toHex()), {}, false});
    if (!author)
        return author.error();
    const Result<Permission> granted = core.permissions().grant(
        Permission{0, author->id, std::nullopt, QString::fromLatin1(CommandService::ObjectType),
                   std::nullopt, Action::Add});
    if (!granted)
        return granted.error();
    return Identity{author.value(), false};
}

// Creates `items` as the resource the step names, in `site` where the resource has sites.
Result<qsizetype> create(CoreServices &core, const Identity &caller, const QString &resource,
                         const QJsonArray &items, std::optional<qint64> site)
{
    const auto counted = [](const auto &created) -> Result<qsizetype> {
        if (!created)
            return created.error();
        return created->size();
    };
    if (resource == u"sites")
        return counted(core.sites().create(caller, items));
    if (resource == u"attributes")
        return counted(core.attributes().create(caller, items, site));
    if (resource == u"devices")
        return counted(core.devices().create(caller, items, site));
    if (resource == u"networks")
        return counted(core.networks().create(caller, items, site));
    if (resource == u"interfaces")
        return counted(core.interfaces().create(caller, items, site));
    if (resource == u"circuits")
        return counted(core.circuits().create(caller, items, site));
    if (resource == u"commands")
        return counted(core.commands().create(caller, items));
    return Error::internal(QStringLiteral("The demonstration names no resource %1.").arg(resource));
}

// The demonstration's zero-touch provisioning (a neighbordb, a definition and the configuration
// it sends), written into the data root unless its neighbordb is no longer the empty one a new
// data root has: an operator's patterns are never replaced.
Result<QString> provisioning(CoreServices &core)
{
    const Result<void> prepared = core.ztp().prepare();
    if (!prepared)
        return prepared.error();
    const ZtpDataRoot &root = core.ztp().dataRoot();
    const Result<QByteArray> current = ZtpDataRoot::read(root.file(QStringLiteral("neighbordb")));
    QFile empty(QStringLiteral(":/cairn/ztp/neighbordb"));
    if (!current || !empty.open(QIODevice::ReadOnly) || current.value() != empty.readAll())
        return QStringLiteral("the ZTP neighbordb kept (it is not the empty one of a new data "
                              "root)");
    const QString source = QStringLiteral(":/cairn/demo/ztp/");
    QStringList relatives;
    for (QDirIterator files(source, QDir::Files, QDirIterator::Subdirectories); files.hasNext();)
        relatives << files.next().mid(source.size());
    // Never over an operator's file of the same name (a definition called lax-access).
    for (const QString &relative : std::as_const(relatives)) {
        if (relative != u"neighbordb" && QFileInfo::exists(root.file(relative)))
            return QStringLiteral("the ZTP data root kept (it has a %1 of its own)").arg(relative);
    }
    for (const QString &relative : std::as_const(relatives)) {
        const QString to = root.file(relative);
        QFile resource(source + relative);
        const Result<void> written =
            resource.open(QIODevice::ReadOnly) && QDir().mkpath(QFileInfo(to).absolutePath())
                ? ZtpDataRoot::write(to, resource.readAll())
                : Result<void>(Error::internal({}));
        if (!written)
            return Error::internal(
                QStringLiteral("Cannot write the demonstration's %1 into the ZTP data root.")
                    .arg(relative));
    }
    return QStringLiteral("a ZTP neighbordb for LAX access switches");
}

} // namespace

Result<QString> DemoNetwork::load(CoreServices &core)
{
    QFile file(QStringLiteral(":/cairn/demo/network.json"));
    if (!file.open(QIODevice::ReadOnly))
        return Error::internal(QStringLiteral("The demonstration network is not in this build."));
    const QJsonArray steps =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("steps")).toArray();
    const QJsonArray sites = steps.first()[QStringLiteral("items")].toArray();
    const QString firstSite = sites.first()[QStringLiteral("name")].toString();
    if (core.sites().get(firstSite))
        return QStringLiteral("the demonstration network is there already (site %1)")
            .arg(firstSite);
    const Result<Identity> caller = demoIdentity(core);
    if (!caller)
        return caller.error();
    QStringList done;
    for (const QJsonValue step : steps) {
        const QString resource = step[QStringLiteral("resource")].toString();
        std::optional<qint64> site;
        if (const QString siteName = step[QStringLiteral("site")].toString(); !siteName.isEmpty()) {
            const Result<Site> found = core.sites().get(siteName);
            if (!found)
                return found.error();
            site = found->id;
        }
        const Result<qsizetype> created =
            create(core, caller.value(), resource, step[QStringLiteral("items")].toArray(), site);
        if (!created)
            return Error(created.error().code,
                         QStringLiteral("Loading the demonstration's %1 failed: %2")
                             .arg(resource, created.error().message),
                         created.error().fields);
        done << QStringLiteral("%1 %2").arg(created.value()).arg(resource);
    }
    const Result<QString> ztp = provisioning(core);
    if (!ztp)
        return ztp.error();
    done << ztp.value();
    return QStringLiteral("demonstration network loaded as %1: %2")
        .arg(caller->user.username, done.join(QStringLiteral(", ")));
}

} // namespace Cairn
