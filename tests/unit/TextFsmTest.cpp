#include "PythonReference.h"
#include "QtPrinters.h"
#include "Sanitizers.h"
#include "textfsm/TextFsmMachine.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

QString readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

struct Case
{
    QString id;
    QString fsmTemplate;
    // Null: the template alone is checked.
    QString text;
};

// tests/data/textfsm/<case>/template.textfsm and, unless the case is a template error,
// output.txt.
QList<Case> fixtureCases()
{
    QList<Case> cases;
    const QDir root(QStringLiteral(CAIRN_TEXTFSM_CASES));
    for (const QString &name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString output = root.filePath(name + QStringLiteral("/output.txt"));
        cases << Case{name, readFile(root.filePath(name + QStringLiteral("/template.textfsm"))),
                      QFile::exists(output) ? readFile(output) : QString()};
    }
    return cases;
}

// What python3-textfsm makes of each case, by id.
QHash<QString, QJsonObject> referenceResults(const QList<Case> &cases)
{
    QJsonArray input;
    for (const Case &c : cases) {
        input.append(QJsonObject{
            {QStringLiteral("id"), c.id},
            {QStringLiteral("template"), c.fsmTemplate},
            {QStringLiteral("text"), c.text.isNull() ? QJsonValue() : QJsonValue(c.text)}});
    }
    return Test::pythonReference(QStringLiteral(CAIRN_TEXTFSM_REFERENCE), input,
                                 QStringLiteral("python3-textfsm"));
}

QJsonArray rowsOf(const QList<QJsonArray> &records)
{
    QJsonArray rows;
    for (const QJsonArray &record : records)
        rows.append(record);
    return rows;
}

// Cairn's engine on one case, in the reference's shape.
QJsonObject cairnResult(const Case &c)
{
    const Result<TextFsmTemplate> parsed = TextFsmTemplate::parse(c.fsmTemplate);
    if (!parsed)
        return {{QStringLiteral("stage"), QStringLiteral("template")},
                {QStringLiteral("error"), parsed.error().message}};
    const QJsonArray header = QJsonArray::fromStringList(parsed->header());
    if (c.text.isNull())
        return {{QStringLiteral("header"), header}, {QStringLiteral("rows"), QJsonArray()}};
    const Result<QList<QJsonArray>> records = TextFsmMachine(parsed.value()).parse(c.text);
    if (!records)
        return {{QStringLiteral("stage"), QStringLiteral("parse")},
                {QStringLiteral("error"), records.error().message}};
    return {{QStringLiteral("header"), header}, {QStringLiteral("rows"), rowsOf(records.value())}};
}

} // namespace

TEST(TextFsmTest, GivesWhatPythonTextFsmGivesOnEveryFixture)
{
    CAIRN_SKIP_IF_PROGRAMS_CANNOT_START();
    const QList<Case> cases = fixtureCases();
    ASSERT_GE(cases.size(), 30);
    const QHash<QString, QJsonObject> reference = referenceResults(cases);
    ASSERT_EQ(reference.size(), cases.size());
    int templateErrors = 0;
    int parseErrors = 0;
    for (const Case &c : cases) {
        QJsonObject expected = reference.value(c.id);
        expected.remove(QStringLiteral("id"));
        const QJsonObject actual = cairnResult(c);
        EXPECT_EQ(actual, expected)
            << c.id.toStdString() << "\n  cairn:  " << actual << "\n  python: " << expected;
        templateErrors += expected[QStringLiteral("stage")] == QLatin1String("template");
        parseErrors += expected[QStringLiteral("stage")] == QLatin1String("parse");
    }
    // The fixtures cover refused templates and Error actions as well as records.
    EXPECT_GE(templateErrors, 15);
    EXPECT_GE(parseErrors, 2);
    EXPECT_GE(cases.size() - templateErrors - parseErrors, 15);
}

TEST(TextFsmTest, SplitsLinesLikePython)
{
    EXPECT_EQ(TextFsmMachine::splitLines(QStringLiteral("a\r\nb\rc\n\nd\x0b"
                                                        "e\u2028f\n")),
              (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QString(),
                           QStringLiteral("d"), QStringLiteral("e"), QStringLiteral("f")}));
    EXPECT_TRUE(TextFsmMachine::splitLines(QString()).isEmpty());
}

TEST(TextFsmTest, EachParseOfATemplateStartsAfresh)
{
    const Result<TextFsmTemplate> parsed = TextFsmTemplate::parse(
        QStringLiteral("Value Filldown GROUP (\\S+)\nValue ITEM (\\d+)\n\nStart\n"
                       "  ^group ${GROUP}\n  ^item ${ITEM} -> Record\n"));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message.toStdString();
    const QString text = QStringLiteral("group a\nitem 1\nitem 2\ngroup b\nitem 3\n");
    const Result<QList<QJsonArray>> first = TextFsmMachine(parsed.value()).parse(text);
    const Result<QList<QJsonArray>> second = TextFsmMachine(parsed.value()).parse(text);
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(rowsOf(first.value()), rowsOf(second.value()));
    // The end of the input records the filled-down group alone, as TextFSM does.
    ASSERT_EQ(first->size(), 4);
    EXPECT_EQ(first->at(2), (QJsonArray{QStringLiteral("b"), QStringLiteral("3")}));
    EXPECT_EQ(first->at(3), (QJsonArray{QStringLiteral("b"), QString()}));
}
