// cairn-xls-reader: reads a legacy .xls file with FreeXL in a process of its own and writes what
// it holds to stdout as JSON lines. FreeXL 1.0.6 (Debian 12) reads past its buffers on crafted
// files (found by tests/fuzz), so the server never runs it in its own address space: a file that
// crashes this program is a damaged file, and what it could read is only its own memory.
//   cairn-xls-reader FILE          {"sheets": [names]}
//   cairn-xls-reader FILE INDEX    {"rows": N}, then {"row": n, "cells": [...], "wide": bool}
// per non-empty row; cells are numbers, strings, null, {"date": "yyyy-MM-dd"} or
// {"datetime": "yyyy-MM-dd HH:mm:ss"}. Exit status 2: FreeXL refused the file.
#include "io/SheetReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <cstdio>
#include <freexl.h>
#include <sys/resource.h>

namespace {

constexpr int Refused = 2;
constexpr int Usage = 64;

void limitResources()
{
    const auto limit = [](int resource, rlim_t value) {
        const rlimit bound{value, value};
        setrlimit(resource, &bound);
    };
    limit(RLIMIT_AS, rlim_t(1) << 30);
    limit(RLIMIT_CPU, 120);
    limit(RLIMIT_CORE, 0);
}

void writeLine(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
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
    case FREEXL_CELL_SST_TEXT:
        return QString::fromUtf8(value.value.text_value);
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
        QJsonArray cells;
        for (unsigned short c = 0; c < read; ++c) {
            FreeXL_CellValue value{};
            if (freexl_get_cell_value(handle, r, c, &value) != FREEXL_OK)
                return Refused;
            cells.append(cellValue(value));
        }
        while (!cells.isEmpty() && cells.last().isNull())
            cells.removeLast();
        if (!cells.isEmpty())
            writeLine({{QStringLiteral("row"), double(r + 1)},
                       {QStringLiteral("cells"), cells},
                       {QStringLiteral("wide"), columns > read}});
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    limitResources();
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
