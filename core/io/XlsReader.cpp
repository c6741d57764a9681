#include "XlsReader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace Cairn {

namespace {

// The helper writes a row at a time; one that stays silent this long is stuck on the file.
constexpr int SilenceMs = 30 * 1000;
// A row of 1,000 columns of FreeXL's longest texts (32,767 characters) fits.
constexpr qint64 MaxLineBytes = qint64(256) << 20;

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
    const QString beside = QCoreApplication::applicationDirPath();
    const QStringList candidates{
        beside + QStringLiteral("/cairn-xls-reader"),
        beside + QStringLiteral("/../" CAIRN_LIBEXEC_DIR "/cairn/cairn-xls-reader")};
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStringLiteral(CAIRN_XLS_READER_IN_BUILD_TREE);
}

Result<std::unique_ptr<XlsReader>> XlsReader::open(const QString &path, const QString &field)
{
    std::unique_ptr<XlsReader> reader(new XlsReader(path, field));
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
    double rows = 0;
    return runHelper({QString::number(index)}, [&](const QJsonObject &line) {
        if (line.contains(QLatin1String("rows"))) {
            rows = qMax(1.0, line.value(QLatin1String("rows")).toDouble());
            return true;
        }
        const int number = line.value(QLatin1String("row")).toInt();
        SheetRow row{number, {}, {}, number / rows};
        for (const auto &cell : line.value(QLatin1String("cells")).toArray())
            row.cells << cellOf(cell);
        if (line.value(QLatin1String("wide")).toBool())
            row.problem = QStringLiteral("The row has more than %1 columns.").arg(MaxColumns);
        return sink(row);
    });
}

Result<void> XlsReader::runHelper(const QStringList &arguments,
                                  const std::function<bool(const QJsonObject &)> &line) const
{
    QProcess helper;
    helper.setStandardErrorFile(QProcess::nullDevice());
    helper.setStandardInputFile(QProcess::nullDevice());
    helper.start(helperProgram(), QStringList{m_path} + arguments);
    if (!helper.waitForStarted())
        return Error::internal(QStringLiteral("The .xls reader (cairn-xls-reader) cannot start."));
    bool wanted = true;
    while (wanted) {
        if (!helper.canReadLine()) {
            if (helper.state() == QProcess::NotRunning || !helper.waitForReadyRead(SilenceMs))
                break;
            continue;
        }
        const QByteArray text = helper.readLine(MaxLineBytes);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            break;
        wanted = line(document.object());
    }
    if (!wanted) {
        helper.kill();
        helper.waitForFinished();
        return {};
    }
    // Silent too long, an unreadable line or the end of the output: it must have ended well.
    if (helper.state() != QProcess::NotRunning) {
        helper.kill();
        helper.waitForFinished();
        return unreadable(m_field);
    }
    if (helper.exitStatus() != QProcess::NormalExit || helper.exitCode() != 0 ||
        helper.bytesAvailable() > 0)
        return unreadable(m_field);
    return {};
}

} // namespace Cairn
