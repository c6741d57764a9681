#pragma once

#include "TextFsmTemplate.h"

#include <QJsonArray>
#include <QJsonValue>

namespace Cairn {

// Runs a TextFSM template over a text: the records it produces, each a row with one entry per
// value (a string, or for List values an array of strings or of objects of nested groups),
// exactly as Python's textfsm ParseText gives them. One machine per parse; the template is
// shared.
class TextFsmMachine
{
public:
    explicit TextFsmMachine(const TextFsmTemplate &fsmTemplate);

    // An `Error` action in the template fails the whole parse with TextFSM's message.
    Result<QList<QJsonArray>> parse(const QString &text);

    // The text's lines as Python's str.splitlines() cuts them.
    static QStringList splitLines(const QString &text);

private:
    // A value while records are built: null is Python's None (unset), which differs from an
    // empty string (a group that matched nothing) when deciding whether a record is empty.
    struct Slot
    {
        QJsonValue value;
        // Filldown: the last value assigned, restored when the record is cleared.
        QJsonValue lastAssigned;
        // List: the items collected for the record being built.
        QJsonArray items;
    };

    // Returns whether the rule ended the line (not Continue), or the template's error.
    Result<bool> apply(const TextFsmRule &rule, const QRegularExpressionMatch &match,
                       const QString &line);
    void assign(int valueIndex, const QJsonValue &captured);
    void appendRecord();
    void clearRecord();
    void clearAll();

    const TextFsmTemplate &m_template;
    QList<Slot> m_slots;
    QList<QJsonArray> m_records;
    int m_state = 0;
    // End or EOF reached: the rest of the input is not read.
    bool m_stopped = false;
    // End reached: not even the record being built is written.
    bool m_ended = false;
};

} // namespace Cairn
