#include "NetworkStates.h"

#include "inventory/Network.h"

#include <QComboBox>
#include <QCoreApplication>

namespace Cairn {

void NetworkStates::fill(QComboBox *box)
{
    for (const QString &state : {QStringLiteral("allocated"), Network::Reserved})
        box->addItem(label(state), state);
}

QString NetworkStates::label(const QString &state)
{
    if (state == QLatin1String("allocated"))
        return QCoreApplication::translate("Cairn::NetworkStates", "Allocated");
    if (state == Network::Assigned)
        return QCoreApplication::translate("Cairn::NetworkStates", "Assigned");
    if (state == Network::Reserved)
        return QCoreApplication::translate("Cairn::NetworkStates", "Reserved");
    if (state == QLatin1String("orphaned"))
        return QCoreApplication::translate("Cairn::NetworkStates", "Orphaned");
    return state;
}

} // namespace Cairn
