#include "ActingUser.h"

#include "CoreServices.h"

namespace Cairn {

Result<Identity> actingSuperuser(CoreServices &core, const QString &username)
{
    if (!username.isEmpty()) {
        const Result<User> user = core.users().userByUsername(username);
        if (!user)
            return Error::badRequest(QStringLiteral("there is no user named %1").arg(username));
        if (!user->isSuperuser)
            return Error::forbidden(QStringLiteral("%1 is not a superuser").arg(username));
        return Identity{user.value()};
    }
    const Result<QList<User>> users = core.users().listUsers();
    if (!users)
        return users.error();
    const User *first = nullptr;
    for (const User &user : users.value()) {
        if (user.isSuperuser && (!first || user.id < first->id))
            first = &user;
    }
    if (!first)
        return Error::badRequest(QStringLiteral(
            "there is no superuser yet: add one with 'cairn user add NAME --superuser'"));
    return Identity{*first};
}

} // namespace Cairn
