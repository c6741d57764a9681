#include "TopologyImport.h"

#include "SheetReader.h"
#include "TopologySheets.h"
#include "automation/AutomationParts.h"
#include "automation/EnmsValues.h"
#include "db/Transaction.h"
#include "inventory/DeviceService.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonObject>
#include <limits>

namespace Cairn {

namespace {

enum class Kind
{
    Device,
    Link,
    Other
};

Kind kindOfName(const QString &sheet)
{
    const QString name = sheet.trimmed().toLower();
    if (name == u"device" || name == u"devices")
        return Kind::Device;
    if (name == u"link" || name == u"links")
        return Kind::Link;
    return Kind::Other;
}

// A cell as the JSON value a save takes: numbers for numeric properties, text for the rest
// (a program that typed "2960" as a number gives it back as 2960, not 2960.0).
QJsonValue valueOf(const QString &property, const QVariant &cell)
{
    const bool number = TopologySheets::isNumber(property);
    switch (cell.typeId()) {
    case QMetaType::Double: {
        const double value = cell.toDouble();
        if (number)
            return value;
        const auto whole = qint64(value);
        return double(whole) == value ? QString::number(whole) : QString::number(value, 'g', 17);
    }
    case QMetaType::Bool:
        return number
                   ? QJsonValue(cell.toBool() ? 1 : 0)
                   : QJsonValue(cell.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    case QMetaType::QDateTime:
        return cell.toDateTime().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    default: {
        const QString text = cell.toString();
        if (number) {
            bool ok = false;
            const double value = text.trimmed().toDouble(&ok);
            if (ok)
                return value;
        }
        return text;
    }
    }
}

} // namespace

QJsonObject TopologyImport::Report::toJson() const
{
    return {{QStringLiteral("devices"), devices},
            {QStringLiteral("links"), links},
            {QStringLiteral("failed"), failed},
            {QStringLiteral("failures"), failures},
            {QStringLiteral("ignored_sheets"), QJsonArray::fromStringList(ignoredSheets)}};
}

Result<TopologyImport::Report> TopologyImport::run(const Identity &caller, const QString &path,
                                                   const QString &fileName, bool replace,
                                                   const Progress &progress)
{
    const QString field = QStringLiteral("file");
    Result<std::unique_ptr<SheetReader>> reader =
        SheetReader::open(path, QFileInfo(fileName).completeBaseName(), field);
    if (!reader)
        return reader.error();
    SheetReader &sheets = *reader.value();
    QStringList deviceSheets;
    QStringList linkSheets;
    Report report;
    QStringList names = sheets.sheets();
    names.removeDuplicates();
    for (const QString &sheet : std::as_const(names)) {
        Kind kind = kindOfName(sheet);
        if (kind == Kind::Other && names.size() == 1) {
            // A file of one sheet (a CSV file) holds links when its header names endpoints.
            kind = Kind::Device;
            const Result<void> peeked = sheets.read(sheet, [&kind](const SheetRow &header) {
                if (header.cells.contains(QStringLiteral("source_name")) &&
                    header.cells.contains(QStringLiteral("destination_name")))
                    kind = Kind::Link;
                return false;
            });
            if (!peeked)
                return peeked.error();
        }
        if (kind == Kind::Device)
            deviceSheets << sheet;
        else if (kind == Kind::Link)
            linkSheets << sheet;
        else
            report.ignoredSheets << sheet;
    }
    if (deviceSheets.isEmpty() && linkSheets.isEmpty())
        return Error::invalidField(field,
                                   QStringLiteral("The file has no sheet named device or link."));

    AutomationParts parts(m_core);
    Transaction transaction(m_core.database());
    if (!transaction.begun())
        return transaction.begun().error();
    // Deleting a whole inventory costs about what saving one does.
    const double deleted = replace ? 0.3 : 0.0;
    if (replace) {
        DeviceFilter everything;
        everything.limit = std::numeric_limits<int>::max();
        const Result<QList<DevicePlace>> all = m_core.devices().places(everything);
        if (!all)
            return all.error();
        QList<qint64> ids;
        ids.reserve(all->size());
        for (const DevicePlace &device : all.value())
            ids << device.id;
        if (!ids.isEmpty()) {
            const Result<void> removed =
                m_core.devices().remove(caller, ids, progress.part(0.0, deleted));
            if (!removed)
                return removed.error();
        }
    }
    int rows = 0;
    // Rows are saved a chunk at a time: the names of a chunk looked up together, its new
    // devices made in one statement; each row still succeeds or fails on its own.
    struct Pending
    {
        QJsonArray objects;
        QList<int> rowNumbers;
        QStringList problems;
    };
    const auto flush = [&](const QString &sheet, Kind kind, Pending &pending) {
        QJsonArray valid;
        QList<qsizetype> validIndexes;
        for (qsizetype i = 0; i < pending.objects.size(); ++i) {
            if (pending.problems.at(i).isEmpty()) {
                valid.append(pending.objects.at(i));
                validIndexes << i;
            }
        }
        const QList<Result<QString>> outcomes = kind == Kind::Device
                                                    ? parts.devices.saveTogether(caller, valid)
                                                    : parts.links.saveTogether(caller, valid);
        for (qsizetype v = 0; v < validIndexes.size(); ++v) {
            if (!outcomes.at(v))
                pending.problems[validIndexes.at(v)] = EnmsValues::reasonOf(outcomes.at(v).error());
        }
        for (qsizetype i = 0; i < pending.objects.size(); ++i) {
            const QString &error = pending.problems.at(i);
            if (error.isEmpty()) {
                ++(kind == Kind::Device ? report.devices : report.links);
            } else if (++report.failed <= MaxFailures) {
                report.failures.append(QJsonObject{
                    {QStringLiteral("sheet"), sheet},
                    {QStringLiteral("row"), pending.rowNumbers.at(i)},
                    {QStringLiteral("name"),
                     pending.objects.at(i).toObject().value(QLatin1String("name")).toString()},
                    {QStringLiteral("error"), error}});
            }
        }
        pending = {};
    };
    const auto importSheet = [&](const QString &sheet, Kind kind,
                                 const Progress &sheetProgress) -> Result<void> {
        QStringList header;
        bool headerRead = false;
        bool stopped = false;
        Pending pending;
        Result<void> read = sheets.read(sheet, [&](const SheetRow &row) {
            if (++rows > MaxRows)
                return false;
            if (!headerRead) {
                headerRead = true;
                for (const QVariant &cell : row.cells)
                    header << cell.toString().trimmed();
                return true;
            }
            QJsonObject object;
            for (qsizetype i = 0; i < row.cells.size() && i < header.size(); ++i) {
                if (!header.at(i).isEmpty() && !row.cells.at(i).isNull())
                    object.insert(header.at(i), valueOf(header.at(i), row.cells.at(i)));
            }
            pending.objects.append(object);
            pending.rowNumbers << row.number;
            pending.problems << row.problem;
            if (pending.objects.size() >= ChunkRows) {
                flush(sheet, kind, pending);
                sheetProgress.report(row.done);
                stopped = sheetProgress.stopAsked();
            }
            return !stopped;
        });
        if (read && stopped)
            return Progress::stopped();
        if (read && rows > MaxRows)
            return Error::invalidField(
                field, QStringLiteral("The file holds more than %1 rows: import it in parts.")
                           .arg(MaxRows));
        if (read && !pending.objects.isEmpty())
            flush(sheet, kind, pending);
        return read;
    };
    // Devices before links, each sheet an equal share of what is left.
    QList<QPair<QString, Kind>> order;
    for (const QString &sheet : std::as_const(deviceSheets))
        order.append({sheet, Kind::Device});
    for (const QString &sheet : std::as_const(linkSheets))
        order.append({sheet, Kind::Link});
    const double share = (1.0 - deleted) / double(order.size());
    for (qsizetype i = 0; i < order.size(); ++i) {
        const double from = deleted + share * double(i);
        const Result<void> imported =
            importSheet(order.at(i).first, order.at(i).second, progress.part(from, from + share));
        if (!imported)
            return imported.error();
    }
    // Asked at the last moment: still nothing changes. Past this, a stop is too late.
    if (!progress.claimFinish())
        return Progress::stopped();
    const Result<void> committed = transaction.commit();
    if (!committed)
        return committed.error();
    progress.done();
    return report;
}

} // namespace Cairn
