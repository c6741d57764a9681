#include "TextFsmMachine.h"

#include <QJsonObject>

namespace Cairn {

namespace {

using Option = TextFsmValue::Option;

// Python's truth value of a record entry: None, '' and [] are false.
bool isSet(const QJsonValue &value)
{
    if (value.isString())
        return !value.toString().isEmpty();
    if (value.isArray())
        return !value.toArray().isEmpty();
    return false;
}

bool isLineBreak(QChar character)
{
    switch (character.unicode()) {
    case u'\n':
    case u'\r':
    case u'\v':
    case u'\f':
    case 0x1c:
    case 0x1d:
    case 0x1e:
    case 0x85:
    case 0x2028:
    case 0x2029:
        return true;
    default:
        return false;
    }
}

} // namespace

TextFsmMachine::TextFsmMachine(const TextFsmTemplate &fsmTemplate)
    : m_template(fsmTemplate)
    , m_slots(fsmTemplate.values().size())
    , m_state(fsmTemplate.stateIndex(QStringLiteral("Start")))
{
    clearAll();
}

QStringList TextFsmMachine::splitLines(const QString &text)
{
    QStringList lines;
    qsizetype start = 0;
    for (qsizetype at = 0; at < text.size(); ++at) {
        if (!isLineBreak(text.at(at)))
            continue;
        lines << text.mid(start, at - start);
        if (text.at(at) == u'\r' && at + 1 < text.size() && text.at(at + 1) == u'\n')
            ++at;
        start = at + 1;
    }
    if (start < text.size())
        lines << text.mid(start);
    return lines;
}

Result<QList<QJsonArray>> TextFsmMachine::parse(const QString &text)
{
    for (const QString &line : splitLines(text)) {
        for (const TextFsmRule &rule : m_template.states().at(m_state).rules) {
            const QRegularExpressionMatch match =
                rule.regex.match(line, 0, QRegularExpression::NormalMatch,
                                 QRegularExpression::AnchorAtOffsetMatchOption);
            if (!match.hasMatch())
                continue;
            const Result<bool> endsLine = apply(rule, match, line);
            if (!endsLine)
                return endsLine.error();
            if (endsLine.value())
                break;
        }
        if (m_stopped)
            break;
    }
    // Reaching the end of the input records what was being built, unless parsing was ended
    // by `End` or the template declares its own (empty) EOF state.
    if (!m_ended && !m_template.declaresEof())
        appendRecord();
    return m_records;
}

Result<bool> TextFsmMachine::apply(const TextFsmRule &rule, const QRegularExpressionMatch &match,
                                   const QString &line)
{
    for (const auto &[group, valueIndex] : rule.assignments) {
        assign(valueIndex,
               match.capturedStart(group) < 0 ? QJsonValue() : QJsonValue(match.captured(group)));
    }
    switch (rule.recordOp) {
    case TextFsmRule::RecordOp::Record:
        appendRecord();
        break;
    case TextFsmRule::RecordOp::Clear:
        clearRecord();
        break;
    case TextFsmRule::RecordOp::Clearall:
        clearAll();
        break;
    case TextFsmRule::RecordOp::NoRecord:
        break;
    }
    if (rule.lineOp == TextFsmRule::LineOp::Error) {
        if (!rule.newState.isEmpty())
            return Error::badRequest(
                QStringLiteral("Error: %1. Rule Line: %2. Input Line: %3.")
                    .arg(rule.newState, QString::number(rule.lineNumber), line));
        return Error::badRequest(QStringLiteral("State Error raised. Rule Line: %1. Input Line: %2")
                                     .arg(QString::number(rule.lineNumber), line));
    }
    if (rule.lineOp == TextFsmRule::LineOp::Continue)
        return false;
    if (rule.newState == QLatin1String("End") || rule.newState == QLatin1String("EOF")) {
        m_stopped = true;
        m_ended = rule.newState == QLatin1String("End");
    } else if (!rule.newState.isEmpty()) {
        m_state = m_template.stateIndex(rule.newState);
    }
    return true;
}

void TextFsmMachine::assign(int valueIndex, const QJsonValue &captured)
{
    const TextFsmValue &value = m_template.values().at(valueIndex);
    Slot &slot = m_slots[valueIndex];
    slot.value = captured;
    for (const Option option : value.options) {
        if (option == Option::Filldown) {
            slot.lastAssigned = captured;
        } else if (option == Option::Fillup && isSet(captured)) {
            // Earlier records missing this column take it, up to the first that has it.
            for (auto record = m_records.rbegin(); record != m_records.rend(); ++record) {
                if (isSet(record->at(valueIndex)))
                    break;
                record->replace(valueIndex, captured);
            }
        } else if (option == Option::List) {
            QRegularExpressionMatch nested;
            if (value.nested.captureCount() > 1 && captured.isString())
                nested = value.nested.match(captured.toString(), 0, QRegularExpression::NormalMatch,
                                            QRegularExpression::AnchorAtOffsetMatchOption);
            const QStringList &names = value.nestedNames;
            if (nested.hasMatch() && value.hasNestedNames()) {
                QJsonObject item;
                for (int group = 1; group < names.size(); ++group) {
                    if (names[group].isEmpty())
                        continue;
                    item.insert(names[group], nested.capturedStart(group) < 0
                                                  ? QJsonValue()
                                                  : QJsonValue(nested.captured(group)));
                }
                slot.items.append(item);
            } else {
                slot.items.append(captured);
            }
        }
    }
}

void TextFsmMachine::appendRecord()
{
    if (m_slots.isEmpty())
        return;
    QJsonArray record;
    const QList<TextFsmValue> &values = m_template.values();
    for (qsizetype index = 0; index < values.size(); ++index) {
        Slot &slot = m_slots[index];
        for (const Option option : values[index].options) {
            if (option == Option::Required && !isSet(slot.value)) {
                clearRecord();
                return;
            }
            if (option == Option::List)
                slot.value = slot.items;
        }
        record.append(slot.value);
    }
    // A record with nothing set is not written (an empty string counts as set).
    const bool empty = std::all_of(record.begin(), record.end(), [](const QJsonValue &entry) {
        return entry.isNull() || (entry.isArray() && entry.toArray().isEmpty());
    });
    if (empty)
        return;
    for (auto entry = record.begin(); entry != record.end(); ++entry) {
        if (entry->isNull())
            *entry = QJsonValue(QJsonValue::String);
    }
    m_records << record;
    clearRecord();
}

void TextFsmMachine::clearRecord()
{
    const QList<TextFsmValue> &values = m_template.values();
    for (qsizetype index = 0; index < values.size(); ++index) {
        Slot &slot = m_slots[index];
        slot.value = QJsonValue();
        for (const Option option : values[index].options) {
            if (option == Option::Filldown)
                slot.value = slot.lastAssigned;
            else if (option == Option::List && !values[index].has(Option::Filldown))
                slot.items = QJsonArray();
        }
    }
}

void TextFsmMachine::clearAll()
{
    for (Slot &slot : m_slots)
        slot = Slot();
}

} // namespace Cairn
