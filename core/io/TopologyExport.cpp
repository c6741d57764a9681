#include "TopologyExport.h"

#include "SpreadsheetWriter.h"
#include "TopologySheets.h"
#include "auth/PermissionService.h"
#include "automation/AutomationParts.h"
#include "inventory/DeviceService.h"

#include <algorithm>

namespace Cairn {

Result<TopologyExport::Written> TopologyExport::write(const Identity &caller, const QString &path)
{
    // It writes a file on the server holding every device: superusers only.
    if (!caller.user.isSuperuser || caller.readOnly)
        return Error::forbidden(QStringLiteral("Only a superuser exports the topology."));
    AutomationParts parts(m_core);
    Result<AutomationInventory::DeviceView> view = parts.devices.viewDevices(std::nullopt, false);
    if (!view)
        return view.error();
    const Result<QJsonArray> links = parts.links.queryLinks({});
    if (!links)
        return links.error();
    QList<QJsonObject> &devices = view->devices;
    // The device view stops at a bound: an export that left devices out would lose them on a
    // re-import with replace.
    const Result<qint64> total = m_core.devices().count(DeviceFilter{});
    if (!total)
        return total.error();
    if (total.value() > devices.size())
        return Error::conflict(
            QStringLiteral("The inventory holds %1 devices, more than an export takes (%2).")
                .arg(total.value())
                .arg(devices.size()));
    const auto byName = [](const QJsonObject &left, const QJsonObject &right) {
        return left.value(QLatin1String("name")).toString() <
               right.value(QLatin1String("name")).toString();
    };
    std::sort(devices.begin(), devices.end(), byName);
    QList<QJsonObject> linkObjects;
    linkObjects.reserve(links->size());
    for (const QJsonValue link : links.value())
        linkObjects << link.toObject();
    std::sort(linkObjects.begin(), linkObjects.end(), byName);

    SpreadsheetWriter writer(path);
    const auto sheet = [&writer](const QString &name,
                                 const QList<SpreadsheetWriter::Column> &columns,
                                 const QList<QJsonObject> &objects) -> Result<void> {
        const Result<void> added = writer.addSheet(name, columns);
        if (!added)
            return added.error();
        QList<QJsonValue> cells(columns.size());
        for (const QJsonObject &object : objects) {
            for (qsizetype i = 0; i < columns.size(); ++i)
                cells[i] = object.value(columns.at(i).name);
            const Result<void> written = writer.addRow(cells);
            if (!written)
                return written.error();
        }
        return {};
    };
    const Result<void> devicesWritten =
        sheet(TopologySheets::DeviceSheet, TopologySheets::deviceColumns(view->known), devices);
    if (!devicesWritten)
        return devicesWritten.error();
    const Result<void> linksWritten =
        sheet(TopologySheets::LinkSheet, TopologySheets::linkColumns(), linkObjects);
    if (!linksWritten)
        return linksWritten.error();
    const Result<void> closed = writer.close();
    if (!closed)
        return closed.error();
    return Written{int(devices.size()), int(linkObjects.size())};
}

} // namespace Cairn
