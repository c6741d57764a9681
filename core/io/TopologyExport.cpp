#include "TopologyExport.h"

#include "CoreServices.h"
#include "SpreadsheetWriter.h"
#include "TopologySheets.h"
#include "automation/LinkRepository.h"
#include "inventory/DeviceService.h"
#include "inventory/SiteService.h"

#include <QSet>
#include <algorithm>
#include <limits>

namespace Cairn {

namespace {

// Rows written between two progress reports.
constexpr qsizetype RowsPerReport = 2000;

} // namespace

Result<TopologyExport::Written> TopologyExport::write(const Identity &caller, const QString &path,
                                                      const Progress &progress)
{
    // It writes a file on the server holding every device: superusers only.
    if (!caller.user.isSuperuser || caller.readOnly)
        return Error::forbidden(QStringLiteral("Only a superuser exports the topology."));
    // Read as the repositories give them, not as eNMS objects: 300,000 JSON objects built,
    // sorted by a looked-up key and taken apart again cost more than writing the file.
    DeviceFilter everything;
    everything.limit = std::numeric_limits<int>::max();
    Result<QList<Device>> devices = m_core.devices().list(everything);
    if (!devices)
        return devices.error();
    const Result<QList<Site>> sites = m_core.sites().list();
    if (!sites)
        return sites.error();
    QHash<qint64, QString> siteNames;
    for (const Site &site : sites.value())
        siteNames.insert(site.id, site.name);
    std::sort(devices->begin(), devices->end(), [](const Device &left, const Device &right) {
        return left.hostname < right.hostname;
    });
    // Sorted by name already.
    const Result<QList<Link>> links = LinkRepository(m_core.database()).list();
    if (!links)
        return links.error();

    QSet<QString> known;
    for (const Device &device : std::as_const(devices.value())) {
        for (auto it = device.attributes.begin(); it != device.attributes.end(); ++it)
            known.insert(it.key());
    }
    const QList<SpreadsheetWriter::Column> deviceColumns = TopologySheets::deviceColumns(known);
    // Reading took about a tenth of the time; the rest goes row by row.
    const Progress writing = progress.part(0.1, 1.0);
    const double rows = double(qMax<qsizetype>(1, devices->size() + links->size()));
    qsizetype rowsWritten = 0;
    bool stopped = false;
    // After each row: every so often, how far it is and whether to go on.
    const auto onward = [&] {
        if (++rowsWritten % RowsPerReport != 0)
            return true;
        writing.report(double(rowsWritten) / rows);
        stopped = writing.stopAsked();
        return !stopped;
    };
    SpreadsheetWriter writer(path);
    Result<void> written = writer.addSheet(TopologySheets::DeviceSheet, deviceColumns);
    QList<QJsonValue> cells(deviceColumns.size());
    for (qsizetype row = 0; written && row < devices->size(); ++row) {
        const Device &device = devices->at(row);
        cells[0] = device.hostname;
        cells[1] = siteNames.value(device.siteId);
        for (qsizetype i = 2; i < deviceColumns.size(); ++i) {
            const QString &property = deviceColumns.at(i).name;
            const QJsonValue detail = device.detail(property);
            cells[i] = detail.isUndefined() ? device.attributes.value(property) : detail;
        }
        written = writer.addRow(cells);
        if (written && !onward())
            break;
    }
    if (written && !stopped)
        written = writer.addSheet(TopologySheets::LinkSheet, TopologySheets::linkColumns());
    for (qsizetype row = 0; written && !stopped && row < links->size(); ++row) {
        const Link &link = links->at(row);
        written = writer.addRow(
            {link.name, link.sourceName, link.destinationName, link.color, link.description});
        if (written && !onward())
            break;
    }
    // The writer, not closed, removes what it wrote. Past this, a stop is too late.
    if (stopped || !progress.claimFinish())
        return Progress::stopped();
    if (written)
        written = writer.close();
    if (!written)
        return written.error();
    progress.done();
    return Written{int(devices->size()), int(links->size())};
}

} // namespace Cairn
