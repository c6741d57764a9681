#include "ztp/InterfaceRange.h"

#include "ztp/NeighborDb.h"
#include "ztp/PatternReader.h"

#include <gtest/gtest.h>

using namespace Cairn;

namespace {

QStringList expanded(const QString &spec)
{
    Result<QStringList> names = InterfaceRange::expand(spec);
    return names ? names.value() : QStringList{QStringLiteral("error: ") + names.error().message};
}

TEST(InterfaceRange, ExpandsAbbreviationsAndRanges)
{
    EXPECT_EQ(expanded(QStringLiteral("e1,3-5")),
              (QStringList{QStringLiteral("Ethernet1"), QStringLiteral("Ethernet3"),
                           QStringLiteral("Ethernet4"), QStringLiteral("Ethernet5")}));
    EXPECT_EQ(expanded(QStringLiteral("Et1/2/3-1/2/5")),
              (QStringList{QStringLiteral("Ethernet1/2/3"), QStringLiteral("Ethernet1/2/4"),
                           QStringLiteral("Ethernet1/2/5")}));
    EXPECT_EQ(expanded(QStringLiteral("MA1,Ethernet2,4-5,ethernet2")),
              (QStringList{QStringLiteral("Management1"), QStringLiteral("Ethernet2"),
                           QStringLiteral("Ethernet4"), QStringLiteral("Ethernet5")}));
    EXPECT_EQ(expanded(QStringLiteral("Ethernet1-Ethernet3")),
              (QStringList{QStringLiteral("Ethernet1"), QStringLiteral("Ethernet2"),
                           QStringLiteral("Ethernet3")}));
}

TEST(InterfaceRange, RefusesWhatNoSwitchHas)
{
    for (const char *spec : {"Ethernet1/1-3", "Ethernet0", "Ethernet4-4", "Ethernet5-2", "ethe1",
                             "mgmt1", "Ethernet1/2/3/4", "3-5", "Ethernet1-2-3", "Ethernet1-99999"})
        EXPECT_FALSE(InterfaceRange::expand(QString::fromLatin1(spec)).ok()) << spec;
}

TEST(NeighborDb, ReportsEveryProblemWithItsLine)
{
    const NeighborDb db = NeighborDb::parse("patterns:\n"
                                            "  - name: good\n"
                                            "    definition: leaf\n"
                                            "    interfaces:\n"
                                            "      - any: any\n"
                                            "  - name: bad\n"
                                            "    definition: leaf\n"
                                            "    interfaces:\n"
                                            "      - Ethernet1: $missing\n",
                                            ZtpIdentifier::SerialNumber);
    EXPECT_FALSE(db.isValid());
    ASSERT_EQ(db.problems().size(), 1);
    EXPECT_EQ(db.problems().first().pattern, QStringLiteral("bad"));
    EXPECT_EQ(db.problems().first().line, 6);
    EXPECT_TRUE(db.globalPatterns().isEmpty()) << "a refused neighbordb matches nothing";
}

TEST(NeighborDb, StoredPatternMatchesTheNodeAgain)
{
    const NeighborDb db = NeighborDb::parse("variables:\n  spine: regex('spine\\d+')\n"
                                            "patterns:\n"
                                            "  - name: leaf\n"
                                            "    definition: leaf\n"
                                            "    node: SN1\n"
                                            "    interfaces:\n"
                                            "      - Ethernet1: $spine:Ethernet1\n",
                                            ZtpIdentifier::SerialNumber);
    ASSERT_TRUE(db.isValid());
    Result<ZtpNode> node = ZtpNode::fromJson(
        R"({"serialnumber": "SN1", "neighbors": {"Ethernet1": [{"device": "spine7", "port": "Ethernet1"}]}})",
        ZtpIdentifier::SerialNumber);
    ASSERT_TRUE(node.ok());
    const Pattern *match = db.match(node.value(), QStringLiteral("SN1"));
    ASSERT_NE(match, nullptr);
    Result<Pattern> stored = PatternReader::readStored(match->source, ZtpIdentifier::SerialNumber);
    ASSERT_TRUE(stored.ok()) << stored.error().message.toStdString();
    EXPECT_TRUE(stored->matches(node.value()));
    node->neighbors.first().neighbors.first().device = QStringLiteral("leaf3");
    EXPECT_FALSE(stored->matches(node.value()));
}

TEST(NeighborDb, ReadsPatternsZtpServerStored)
{
    // ZTPServer writes node-specific and interface-less matches like this.
    Result<Pattern> stored = PatternReader::readStored(
        "config-handler: null\nmodel: null\nnode: SN1\ninterfaces:\n- any:\n    any: any\n",
        ZtpIdentifier::SerialNumber);
    ASSERT_TRUE(stored.ok()) << stored.error().message.toStdString();
    EXPECT_TRUE(stored->matches(ZtpNode{}));
}

TEST(ZtpNode, KeepsTheOrderTheSwitchSent)
{
    Result<ZtpNode> node = ZtpNode::fromJson(
        R"({"serialnumber": "SN1", "systemmac": "00:1C:73:aa:bb:cc", "neighbors": {
            "Ethernet2": [{"device": "b", "port": "Ethernet1"}],
            "Ethernet10": [{"device": "a", "remote_interface": "Ethernet1"}]}})",
        ZtpIdentifier::SystemMac);
    ASSERT_TRUE(node.ok());
    EXPECT_EQ(node->id(ZtpIdentifier::SystemMac), QStringLiteral("001c73aabbcc"));
    ASSERT_EQ(node->neighbors.size(), 2);
    EXPECT_EQ(node->neighbors[0].interface, QStringLiteral("Ethernet2"));
    EXPECT_EQ(node->neighbors[1].neighbors.first().port, QStringLiteral("Ethernet1"));
}

TEST(ZtpNode, RefusesIncompleteFacts)
{
    const auto field = [](const QByteArray &body) {
        Result<ZtpNode> node = ZtpNode::fromJson(body, ZtpIdentifier::SerialNumber);
        return node ? QString() : node.error().fields.keys().value(0, node.error().message);
    };
    EXPECT_EQ(field(R"({"serialnumber": ""})"), QStringLiteral("serialnumber"));
    EXPECT_EQ(field(R"({"serialnumber": "S", "neighbors": {"Ethernet1": [{"device": "x"}]}})"),
              QStringLiteral("neighbors.Ethernet1"));
    EXPECT_FALSE(field(R"({"serialnumber": "S",)").isEmpty());
}

} // namespace
