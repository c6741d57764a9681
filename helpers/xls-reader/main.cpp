// cairn-xls-reader: reads a legacy .xls file with FreeXL in a process of its own and writes what
// it holds to stdout as JSON lines. FreeXL 1.0.6 (Debian 12) reads past its buffers on crafted
// files (found by tests/fuzz), so the server never runs it in its own address space: a file that
// crashes this program is a damaged file, and what it could read is only its own memory.
//   cairn-xls-reader FILE          {"sheets": [names]}
//   cairn-xls-reader FILE INDEX    {"rows": N}, then {"row": n, "cells": [...]} per non-empty
// row, with "wide": true when it has more than SheetReader::MaxColumns columns and "long": the
// first column whose text passes SheetReader::MaxCellChars (that cell is null). Cells are
// numbers, strings, null, {"date": "yyyy-MM-dd"} or {"datetime": "yyyy-MM-dd HH:mm:ss"}.
// Exit status 2: FreeXL refused the file.
// It is not a sandbox, only another address space with limits: it starts with no environment
// (XlsReader), closes every descriptor it inherited, may not fork, write files or dump core,
// and dies with the server.
#include "io/SheetReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <freexl.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {

constexpr int Refused = 2;
constexpr int Usage = 64;

void confine()
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    syscall(SYS_close_range, 3U, ~0U, 0U);
    const auto limit = [](int resource, rlim_t value) {
        const rlimit bound{value, value};
        setrlimit(resource, &bound);
    };
#ifndef CAIRN_SANITIZED
    // Sanitizers reserve terabytes of address space for their shadow memory, and LeakSanitizer
    // clones a thread to stop the process.
    limit(RLIMIT_AS, rlim_t(1) << 30);
    limit(RLIMIT_NPROC, 0);
#endif
    limit(RLIMIT_CPU, 120);
    limit(RLIMIT_CORE, 0);
    limit(RLIMIT_NOFILE, 16);
    // Its output is a pipe; no file may be written.
    limit(RLIMIT_FSIZE, 0);
}

void writeLine(const QJsonObject &object)
{
    QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    if (line.size() > Cairn::SheetReader::MaxRowBytes)
        line =
            QJsonDocument(QJsonObject{{QStringLiteral("row"), object.value(QLatin1String("row"))},
                                      {QStringLiteral("large"), true}})
                .toJson(QJsonDocument::Compact) +
            '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
}

QJsonValue cellValue(const FreeXL_CellValue &value)
{
    switch (value.type) {
    case FREEXL_CELL_INT:
        return double(value.value.int_value);
    case FREEXL_CELL_DOUBLE:
        return value.value.double_value;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT: {
        QString text = QString::fromUtf8(value.value.text_value);
        if (text.size() > Cairn::SheetReader::MaxCellChars)
            return QJsonValue::Undefined;
        return text;
    }
    case FREEXL_CELL_DATE:
        return QJsonObject{{QStringLiteral("date"), QString::fromLatin1(value.value.text_value)}};
    case FREEXL_CELL_DATETIME:
        return QJsonObject{
            {QStringLiteral("datetime"), QString::fromLatin1(value.value.text_value)}};
    case FREEXL_CELL_TIME:
        return QString::fromLatin1(value.value.text_value);
    default:
        return QJsonValue::Null;
    }
}

int listSheets(const void *handle)
{
    unsigned int count = 0;
    if (freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
        return Refused;
    QJsonArray names;
    for (unsigned int i = 0; i < count && i < 256; ++i) {
        const char *name = nullptr;
        if (freexl_get_worksheet_name(handle, (unsigned short)(i), &name) != FREEXL_OK || !name)
            return Refused;
        names.append(QString::fromUtf8(name));
    }
    writeLine({{QStringLiteral("sheets"), names}});
    return 0;
}

int writeRows(const void *handle, unsigned short sheet)
{
    unsigned int rows = 0;
    unsigned short columns = 0;
    if (freexl_select_active_worksheet(handle, sheet) != FREEXL_OK ||
        freexl_worksheet_dimensions(handle, &rows, &columns) != FREEXL_OK)
        return Refused;
    writeLine({{QStringLiteral("rows"), double(rows)}});
    const unsigned short read = std::min<unsigned short>(columns, Cairn::SheetReader::MaxColumns);
    for (unsigned int r = 0; r < rows; ++r) {
        QJsonObject row{{QStringLiteral("row"), double(r + 1)}};
        QJsonArray cells;
        for (unsigned short c = 0; c < read; ++c) {
            FreeXL_CellValue value{};
            if (freexl_get_cell_value(handle, r, c, &value) != FREEXL_OK)
                return Refused;
            const QJsonValue cell = cellValue(value);
            if (cell.isUndefined() && !row.contains(QLatin1String("long")))
                row.insert(QStringLiteral("long"), c);
            cells.append(cell.isUndefined() ? QJsonValue() : cell);
        }
        while (!cells.isEmpty() && cells.last().isNull())
            cells.removeLast();
        if (cells.isEmpty())
            continue;
        row.insert(QStringLiteral("cells"), cells);
        if (columns > read)
            row.insert(QStringLiteral("wide"), true);
        writeLine(row);
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    confine();
    if (argc != 2 && argc != 3) {
        std::fputs("usage: cairn-xls-reader FILE [SHEET-INDEX]\n", stderr);
        return Usage;
    }
    const void *handle = nullptr;
    int status = Refused;
    if (freexl_open(argv[1], &handle) == FREEXL_OK) {
        bool isIndex = argc == 3;
        const uint sheet = isIndex ? QByteArray(argv[2]).toUInt(&isIndex) : 0;
        if (argc == 2)
            status = listSheets(handle);
        else if (isIndex && sheet < 256)
            status = writeRows(handle, (unsigned short)(sheet));
        else
            status = Usage;
    }
    // FreeXL asks to be closed even when opening failed.
    if (handle)
        freexl_close(handle);
    return std::fflush(stdout) == 0 ? status : Refused;
}
