#include "XlsReader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace Cairn {

namespace {

// FreeXL reads a 65,536-row sheet in well under a second; this is for all of a file's sheets.
constexpr int DeadlineMs = 5 * 60 * 1000;
// A row the helper sends whole, and its JSON framing.
constexpr qsizetype MaxLineBytes = SheetReader::MaxRowBytes + (1 << 20);

Error unreadable(const QString &field)
{
    return Error::invalidField(field, QStringLiteral("The .xls file is damaged or not one."));
}

QVariant cellOf(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString())
        return value.toString();
    const QJsonObject object = value.toObject();
    if (object.contains(QLatin1String("date")))
        return QDateTime(
            QDate::fromString(object.value(QLatin1String("date")).toString(), Qt::ISODate),
            QTime(0, 0), Qt::UTC);
    if (object.contains(QLatin1String("datetime")))
        return QDateTime::fromString(object.value(QLatin1String("datetime")).toString(),
                                     QStringLiteral("yyyy-MM-dd HH:mm:ss"))
            .toUTC();
    return {};
}

} // namespace

QString XlsReader::helperProgram()
{
    const QDir beside(QCoreApplication::applicationDirPath());
    for (const QString &candidate :
         {QStringLiteral("cairn-xls-reader"),
          QStringLiteral(CAIRN_XLS_READER_FROM_BIN "/cairn-xls-reader")}) {
        const QFileInfo program(beside.filePath(candidate));
        if (program.isFile() && program.isExecutable())
            return program.canonicalFilePath();
    }
    return {};
}

Result<std::unique_ptr<XlsReader>> XlsReader::open(const QString &path, const QString &field)
{
    std::unique_ptr<XlsReader> reader(new XlsReader(path, field));
    reader->m_deadline.setRemainingTime(DeadlineMs);
    bool listed = false;
    const Result<void> ran = reader->runHelper({}, [&](const QJsonObject &line) {
        for (const auto &name : line.value(QLatin1String("sheets")).toArray())
            reader->m_sheets << name.toString();
        listed = line.value(QLatin1String("sheets")).isArray();
        return false;
    });
    if (!ran)
        return ran.error();
    if (!listed)
        return unreadable(field);
    return reader;
}

Result<void> XlsReader::read(const QString &sheet, const Sink &sink)
{
    const qsizetype index = m_sheets.indexOf(sheet);
    if (index < 0)
        return Error::invalidField(m_field,
                                   QStringLiteral("The spreadsheet has no sheet %1.").arg(sheet));
    // The helper's first line says how many; a row before it counts as the only one.
    double rows = 1;
    return runHelper({QString::number(index)}, [&](const QJsonObject &line) {
        if (line.contains(QLatin1String("rows"))) {
            rows = qMax(1.0, line.value(QLatin1String("rows")).toDouble());
            return true;
        }
        const int number = line.value(QLatin1String("row")).toInt();
        SheetRow row{number, {}, {}, number / rows};
        for (const auto &cell : line.value(QLatin1String("cells")).toArray())
            row.cells << cellOf(cell);
        if (line.contains(QLatin1String("long")))
            row.problem = cellTooLong(line.value(QLatin1String("long")).toInt(), number);
        if (line.value(QLatin1String("wide")).toBool())
            row.problem = QStringLiteral("The row has more than %1 columns.").arg(MaxColumns);
        if (line.value(QLatin1String("large")).toBool())
            row.problem =
                QStringLiteral("The row holds more than %1 MiB of text.").arg(MaxRowBytes >> 20);
        return sink(row);
    });
}

Result<void> XlsReader::runHelper(const QStringList &arguments,
                                  const std::function<bool(const QJsonObject &)> &line) const
{
    const QString program = helperProgram();
    if (program.isEmpty())
        return Error::internal(QStringLiteral(
            "cairn-xls-reader, which reads .xls files, is not installed beside cairn."));
    QProcess helper;
    // Nothing of the server's environment (database passwords) reaches the process FreeXL runs in.
    helper.setProcessEnvironment(QProcessEnvironment());
    helper.setStandardErrorFile(QProcess::nullDevice());
    helper.setStandardInputFile(QProcess::nullDevice());
    helper.start(program, QStringList{m_path} + arguments);
    if (!helper.waitForStarted())
        return Error::internal(QStringLiteral("cairn-xls-reader cannot start."));
    // Lines are cut here rather than by QProcess, whose buffer would grow without bound on
    // output that never ends a line.
    QByteArray pending;
    qsizetype start = 0;
    bool wanted = true;
    bool failed = false;
    while (wanted && !failed) {
        const qsizetype end = pending.indexOf('\n', start);
        if (end < 0) {
            pending.remove(0, start);
            start = 0;
            if (pending.size() > MaxLineBytes || m_deadline.hasExpired() ||
                (helper.bytesAvailable() == 0 &&
                 (helper.state() == QProcess::NotRunning ||
                  !helper.waitForReadyRead(int(qMax<qint64>(1, m_deadline.remainingTime()))))))
                break;
            pending += helper.read(qMin<qint64>(1 << 20, MaxLineBytes + 1 - pending.size()));
            continue;
        }
        QJsonParseError error;
        const QJsonDocument document =
            QJsonDocument::fromJson(pending.mid(start, end - start), &error);
        start = end + 1;
        failed = error.error != QJsonParseError::NoError || !document.isObject();
        if (!failed)
            wanted = line(document.object());
    }
    if (helper.state() != QProcess::NotRunning) {
        helper.kill();
        helper.waitForFinished();
        // Stopped because every line wanted was read: the rest does not matter.
        return wanted ? unreadable(m_field) : Result<void>();
    }
    if (!wanted)
        return {};
    if (failed || pending.size() > start || helper.exitStatus() != QProcess::NormalExit ||
        helper.exitCode() != 0)
        return unreadable(m_field);
    return {};
}

} // namespace Cairn
