// Runs the neighbordb conformance fixtures (tests/unit/ztp/neighbordb/*_test.yml), written in
// the schema of ZTPServer's own fixture runner: a `pattern` test checks which patterns are
// valid and invalid, a `topology` test loads the whole neighbordb and matches every node.
#include "QtPrinters.h"
#include "ztp/NeighborDb.h"

#include <QDir>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

using namespace Cairn;

namespace {

// Another folder of fixtures in the same schema (ZTPServer's own test/neighbordb, say) may be
// run instead: CAIRN_NEIGHBORDB_FIXTURES=DIR cairn-unit-tests --gtest_filter='Fixtures*'.
QString fixtureFolder()
{
    return qEnvironmentVariable("CAIRN_NEIGHBORDB_FIXTURES",
                                QStringLiteral(CAIRN_NEIGHBORDB_FIXTURES));
}

QStringList fixtureFiles()
{
    return QDir(fixtureFolder()).entryList({QStringLiteral("*_test.yml")}, QDir::Files, QDir::Name);
}

QByteArray emit(const YAML::Node &node)
{
    YAML::Emitter emitter;
    emitter << node;
    return QByteArray(emitter.c_str());
}

QStringList names(const YAML::Node &list)
{
    QStringList result;
    if (list && list.IsSequence())
        for (const YAML::Node &name : list)
            result << QString::fromStdString(name.Scalar());
    return result;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

class NeighborDbConformance : public testing::TestWithParam<QString>
{
};

TEST_P(NeighborDbConformance, Fixture)
{
    const QString path = fixtureFolder() + QLatin1Char('/') + GetParam();
    const YAML::Node fixture = YAML::LoadFile(path.toStdString());
    const QStringList tests =
        fixture["tests"] ? names(fixture["tests"]) : QStringList{QStringLiteral("topology")};
    const ZtpIdentifier identifier =
        fixture["identifier"] && fixture["identifier"].Scalar() == "systemmac"
            ? ZtpIdentifier::SystemMac
            : ZtpIdentifier::SerialNumber;
    const NeighborDb db = NeighborDb::parse(emit(fixture["neighbordb"]), identifier);
    QStringList problems;
    for (const NeighborDbProblem &problem : db.problems())
        problems << problem.toString();
    SCOPED_TRACE(problems.join(QLatin1Char('\n')).toStdString());

    const YAML::Node valid = fixture["valid_patterns"];
    const QStringList validNodes = valid ? names(valid["nodes"]) : QStringList();
    const QStringList validGlobals = valid ? names(valid["globals"]) : QStringList();
    if (tests.contains(QStringLiteral("pattern"))) {
        if (fixture["invalid_patterns"]) {
            EXPECT_EQ(db.invalidPatternNames(), sorted(names(fixture["invalid_patterns"])));
        }
        if (!validNodes.isEmpty() || !validGlobals.isEmpty()) {
            EXPECT_EQ(sorted(db.validPatternNames()), sorted(validNodes + validGlobals));
        }
    }
    if (!tests.contains(QStringLiteral("topology")))
        return;
    ASSERT_TRUE(db.isValid());
    QStringList nodeNames;
    for (const Pattern &pattern : db.nodePatterns())
        nodeNames << pattern.name;
    QStringList globalNames;
    for (const Pattern &pattern : db.globalPatterns())
        globalNames << pattern.name;
    // As ZTPServer's runner: the same names, in any order.
    EXPECT_EQ(sorted(nodeNames), sorted(validNodes));
    EXPECT_EQ(sorted(globalNames), sorted(validGlobals));

    const auto nodeNamed = [&](const std::string &name) {
        Result<ZtpNode> node = ZtpNode::fromYaml(emit(fixture[name]), identifier);
        EXPECT_TRUE(node.ok()) << name << ": " << (node ? "" : node.error().message.toStdString());
        return node ? node.value() : ZtpNode();
    };
    const YAML::Node nodes = fixture["nodes"];
    if (nodes && nodes["pass"])
        for (const YAML::Node &expected : nodes["pass"]) {
            const std::string name = expected["name"].Scalar();
            const ZtpNode node = nodeNamed(name);
            const Pattern *match = db.match(node, node.id(identifier));
            ASSERT_NE(match, nullptr) << "node " << name << " should match";
            EXPECT_EQ(match->name.toStdString(), expected["match"].Scalar()) << "node " << name;
        }
    if (nodes && nodes["fail"])
        for (const YAML::Node &expected : nodes["fail"]) {
            const std::string name = expected["name"].Scalar();
            const ZtpNode node = nodeNamed(name);
            const Pattern *match = db.match(node, node.id(identifier));
            EXPECT_EQ(match, nullptr) << "node " << name << " should match nothing, matched "
                                      << (match ? match->name.toStdString() : "");
        }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, NeighborDbConformance, testing::ValuesIn(fixtureFiles()),
                         [](const testing::TestParamInfo<QString> &info) {
                             QString name = info.param;
                             name.chop(int(sizeof("_test.yml") - 1));
                             return name.replace(QLatin1Char('-'), QLatin1Char('_')).toStdString();
                         });

} // namespace
