#include "MachineActions.h"

#include <QHash>

namespace Cairn {

const QStringList &MachineActions::all()
{
    static const QStringList actions = {
        QStringLiteral("unlock"),   QStringLiteral("suspend"),  QStringLiteral("resume"),
        QStringLiteral("shutdown"), QStringLiteral("poweroff"), QStringLiteral("reboot"),
        QStringLiteral("create"),
    };
    return actions;
}

QStringList MachineActions::stateActions()
{
    return all().mid(1);
}

QStringList MachineActions::availableFor(const Machine &machine)
{
    if (machine.locked)
        return {QStringLiteral("unlock")};
    const QStringList whileRunning = {QStringLiteral("suspend"), QStringLiteral("shutdown"),
                                      QStringLiteral("poweroff"), QStringLiteral("reboot")};
    static const QHash<QString, QStringList> byState = {
        {QStringLiteral("running"), whileRunning},
        {QStringLiteral("blocked"), whileRunning},
        {QStringLiteral("paused"), {QStringLiteral("resume"), QStringLiteral("poweroff")}},
        {QStringLiteral("pmsuspended"), {QStringLiteral("poweroff")}},
        {QStringLiteral("shutdown"), {QStringLiteral("poweroff")}},
        {QStringLiteral("shutoff"), {QStringLiteral("create")}},
        {QStringLiteral("crashed"), {QStringLiteral("poweroff"), QStringLiteral("create")}},
    };
    const auto allowed = byState.constFind(machine.state);
    if (allowed == byState.cend())
        return {};
    QStringList actions = allowed.value();
    actions << QStringLiteral("store_xml");
    if (!machine.managed)
        actions << QStringLiteral("manage");
    if (machine.state == u"shutoff")
        actions << QStringLiteral("package");
    return actions << QStringLiteral("totaldelete") << QStringLiteral("provision");
}

} // namespace Cairn
