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

// Rows written between two progress reports, and devices read at once.
constexpr qsizetype RowsPerReport = 2000;

} // namespace

Result<TopologyExport::Written> TopologyExport::write(const Identity &caller, const QString &path,
                                                      const Progress &progress)
{
    // It writes a file on the server holding every device: superusers only.
    if (!caller.user.isSuperuser || caller.readOnly)
        return Error::forbidden(QStringLiteral("Only a superuser exports the topology."));
    // Read as the repositories give them, not as eNMS objects, and never all at once: the
    // devices' places sorted by name, then the devices a chunk at a time, then the links as the
    // database gives them. 300,000 objects held together cost more memory than the file.
    DeviceFilter everything;
    everything.limit = std::numeric_limits<int>::max();
    Result<QList<DevicePlace>> places = m_core.devices().places(everything);
    if (!places)
        return places.error();
    std::sort(places->begin(), places->end(),
              [](const DevicePlace &left, const DevicePlace &right) {
                  return left.hostname != right.hostname ? left.hostname < right.hostname
                                                         : left.id < right.id;
              });
    const Result<QList<Site>> sites = m_core.sites().list();
    if (!sites)
        return sites.error();
    QHash<qint64, QString> siteNames;
    for (const Site &site : sites.value())
        siteNames.insert(site.id, site.name);
    const Result<QSet<QString>> known = m_core.devices().attributeNamesInUse();
    if (!known)
        return known.error();
    LinkRepository links(m_core.database());
    const Result<qint64> linkCount = links.storedCount();
    if (!linkCount)
        return linkCount.error();

    // Reading the places took about a tenth of the time; the rest goes row by row.
    const Progress writing = progress.part(0.1, 1.0);
    const double rows = double(qMax<qint64>(1, places->size() + linkCount.value()));
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
    const QList<SpreadsheetWriter::Column> deviceColumns =
        TopologySheets::deviceColumns(known.value());
    SpreadsheetWriter writer(path);
    Result<void> written = writer.addSheet(TopologySheets::DeviceSheet, deviceColumns);
    QList<QJsonValue> cells(deviceColumns.size());
    for (qsizetype start = 0; written && !stopped && start < places->size();
         start += RowsPerReport) {
        const QList<DevicePlace> chunk = places->mid(start, RowsPerReport);
        DeviceFilter byId;
        byId.ids = QList<qint64>();
        for (const DevicePlace &place : chunk)
            byId.ids->append(place.id);
        byId.limit = int(chunk.size());
        const Result<QList<Device>> devices = m_core.devices().list(byId);
        if (!devices)
            return devices.error();
        QHash<qint64, const Device *> byIds;
        for (const Device &device : devices.value())
            byIds.insert(device.id, &device);
        for (const DevicePlace &place : chunk) {
            // Deleted since its place was read: left out, as if exported a moment before.
            const Device *device = byIds.value(place.id);
            if (!device)
                continue;
            cells[0] = device->hostname;
            cells[1] = siteNames.value(device->siteId);
            for (qsizetype i = 2; i < deviceColumns.size(); ++i) {
                const QString &property = deviceColumns.at(i).name;
                const QJsonValue detail = device->detail(property);
                cells[i] = detail.isUndefined() ? device->attributes.value(property) : detail;
            }
            written = writer.addRow(cells);
            if (!written || !onward())
                break;
        }
    }
    const qsizetype devicesWritten = rowsWritten;
    if (written && !stopped)
        written = writer.addSheet(TopologySheets::LinkSheet, TopologySheets::linkColumns());
    if (written && !stopped) {
        const Result<void> read = links.each([&](const Link &link) {
            written = writer.addRow(
                {link.name, link.sourceName, link.destinationName, link.color, link.description});
            return written && onward();
        });
        if (!read)
            return read.error();
    }
    // The writer, not closed, removes what it wrote. Past this, a stop is too late.
    if (stopped || !progress.claimFinish())
        return Progress::stopped();
    if (written)
        written = writer.close();
    if (!written)
        return written.error();
    progress.done();
    return Written{int(devicesWritten), int(rowsWritten - devicesWritten)};
}

} // namespace Cairn
