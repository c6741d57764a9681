#include "DataExtractionStep.h"

#include "templating/Template.h"
#include "textfsm/TextFsmMachine.h"
#include "textfsm/TextFsmTemplate.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace Cairn {

namespace {

// Python's re.findall: whole matches, the group, or each match's groups. Bounded, and stopped
// with the run: a pattern matching everywhere in megabytes of output would otherwise make
// millions of values.
Result<QJsonArray> findAll(const QRegularExpression &pattern, const QString &text,
                           const std::function<bool()> &stopped)
{
    QJsonArray found;
    qint64 captured = 0;
    const int groups = pattern.captureCount();
    QRegularExpressionMatchIterator matches = pattern.globalMatch(text);
    while (matches.hasNext()) {
        if (found.size() >= DataExtractionStep::MaxMatches)
            return Error::invalidField(QStringLiteral("match"),
                                       QStringLiteral("The pattern matches more than %1 times.")
                                           .arg(DataExtractionStep::MaxMatches));
        if (stopped())
            return Error::badRequest(QStringLiteral("The run was stopped."));
        const QRegularExpressionMatch match = matches.next();
        // Groups copy what they capture: many nested groups over a long output would copy it
        // many times over.
        for (int group = groups == 0 ? 0 : 1; group <= groups; ++group)
            captured += match.capturedLength(group);
        if (captured > DataExtractionStep::MaxCaptured)
            return Error::invalidField(QStringLiteral("match"),
                                       QStringLiteral("The pattern captures more than %1 MB.")
                                           .arg(DataExtractionStep::MaxCaptured / (1024 * 1024)));
        if (groups == 0) {
            found.append(match.captured(0));
        } else if (groups == 1) {
            found.append(match.captured(1));
        } else {
            QJsonArray values;
            for (int group = 1; group <= groups; ++group)
                values.append(match.captured(group));
            found.append(values);
        }
    }
    return found;
}

Result<QJsonValue> parsedWith(const QString &fsmText, const QString &text, bool keyed)
{
    const Result<TextFsmTemplate> fsm = TextFsmTemplate::parse(fsmText);
    if (!fsm)
        return Error::invalidField(QStringLiteral("match"), fsm.error().message);
    const Result<QList<QJsonArray>> rows = TextFsmMachine(fsm.value()).parse(text);
    if (!rows)
        return Error::invalidField(QStringLiteral("match"), rows.error().message);
    const QStringList header = fsm->header();
    QJsonArray values;
    for (const QJsonArray &row : rows.value()) {
        if (!keyed) {
            values.append(row);
            continue;
        }
        QJsonObject record;
        for (qsizetype i = 0; i < header.size() && i < row.size(); ++i)
            record.insert(header.at(i), row.at(i));
        values.append(record);
    }
    return QJsonValue(values);
}

} // namespace

Result<StepOutput> DataExtractionStep::run(const StepInput &input)
{
    const QJsonObject &settings = input.service.settings;
    const QString query = settings.value(QLatin1String("query")).toString();
    const Result<QJsonValue> queried = Template::evaluate(query, input.context);
    if (!queried)
        return Error::invalidField(QStringLiteral("query"), queried.error().message);
    if (!queried->isString())
        return Error::invalidField(QStringLiteral("query"),
                                   QStringLiteral("The query gives no text to match in."));
    const QString matchType = settings.value(QLatin1String("match_type")).toString();
    const QString match = settings.value(QLatin1String("match")).toString();
    QJsonValue values;
    if (matchType == u"regex") {
        const Result<QJsonArray> found =
            findAll(QRegularExpression(match), queried->toString(), input.stopped);
        if (!found)
            return found.error();
        values = found.value();
    } else {
        const Result<QJsonValue> parsed =
            parsedWith(match, queried->toString(), matchType == u"textfsm_dict");
        if (!parsed)
            return parsed.error();
        values = parsed.value();
    }
    StepOutput output;
    output.result = QJsonObject{{settings.value(QLatin1String("variable")).toString(), values}};
    output.details = {{QStringLiteral("query"), query},
                      {QStringLiteral("match_type"), matchType},
                      {QStringLiteral("match"), match}};
    return output;
}

} // namespace Cairn
