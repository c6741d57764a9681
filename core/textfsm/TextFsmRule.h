#pragma once

#include "Result.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>

namespace Cairn {

// One `^regex -> Action` line of a TextFSM state.
struct TextFsmRule
{
    // What happens to the input line once the rule matched.
    enum class LineOp
    {
        Next,
        Continue,
        Error,
    };
    // What happens to the record being built.
    enum class RecordOp
    {
        NoRecord,
        Record,
        Clear,
        Clearall,
    };

    QRegularExpression regex;
    LineOp lineOp = LineOp::Next;
    RecordOp recordOp = RecordOp::NoRecord;
    // The state to go to; for Error, the message to raise (quotes included, as TextFSM shows it).
    QString newState;
    int lineNumber = 0;
    // The rule's named groups that are values: (group number, value index), in group order.
    QList<std::pair<int, int>> assignments;

    // `line` as written (leading white space included); `valueRegexes` maps value names to the
    // regexes `${Name}` stands for. Errors carry TextFSM's message, line number included.
    static Result<TextFsmRule> parse(const QString &line, int lineNumber,
                                     const QHash<QString, QString> &valueRegexes,
                                     const QStringList &valueNames);

    static bool isOperatorName(const QString &name);
};

} // namespace Cairn
