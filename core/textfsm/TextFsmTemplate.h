#pragma once

#include "TextFsmRule.h"
#include "TextFsmValue.h"

namespace Cairn {

// A TextFSM template, parsed and checked: its values (the columns of the records it
// produces) and its states, each a list of rules. Immutable once parsed, so one template is
// shared by every thread that parses with it.
class TextFsmTemplate
{
public:
    struct State
    {
        QString name;
        QList<TextFsmRule> rules;
    };

    // Errors carry TextFSM's message with the template's line number.
    static Result<TextFsmTemplate> parse(const QString &text);

    const QList<TextFsmValue> &values() const { return m_values; }
    QStringList header() const;
    // Index of the named state in states(); -1 for End, EOF and unknown names.
    int stateIndex(const QString &name) const;
    const QList<State> &states() const { return m_states; }
    // An (empty) EOF state was declared: no record is written at the end of the input.
    bool declaresEof() const { return m_declaresEof; }

private:
    Result<void> parseValues(const QStringList &lines, qsizetype &at);
    Result<bool> parseState(const QStringList &lines, qsizetype &at);
    Result<void> validate();

    QList<TextFsmValue> m_values;
    QList<State> m_states;
    bool m_declaresEof = false;
};

} // namespace Cairn
