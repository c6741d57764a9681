// Pools and searches let the database leave out the devices their rules cannot match: the
// devices it keeps must always hold every device the rules match in memory, whatever the
// pattern (numbered groups, backreferences, group calls, case, Unicode), on SQLite and
// PostgreSQL alike.
#include "CoreFixture.h"
#include "automation/AutomationInventory.h"
#include "automation/PoolRules.h"
#include "automation/ServiceRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <gtest/gtest.h>
#include <tuple>

using namespace Cairn;

class PoolNarrowingTest : public Cairn::Test::CoreFixture
{
protected:
    // The names of the devices the rules match, read with or without the database's narrowing.
    QStringList members(const QJsonObject &rules, bool narrowed)
    {
        AutomationInventory inventory(core->database(), core->devices(), core->sites(),
                                      core->serviceRunner().texts());
        const PoolRules::Compiled compiled = PoolRules::compile(rules);
        QSet<QString> read = PoolRules::properties(compiled, QStringLiteral("device"));
        read.insert(QStringLiteral("name"));
        const Result<AutomationInventory::DeviceView> view = inventory.viewDevices(
            read, false,
            narrowed ? PoolRules::narrowing(compiled, QStringLiteral("device"))
                     : QList<DeviceFilter::TextMatch>());
        EXPECT_TRUE(view.ok());
        QStringList names;
        for (const QJsonObject &device : view.ok() ? view->devices : QList<QJsonObject>()) {
            if (PoolRules::matches(compiled, QStringLiteral("device"), device))
                names << device.value(QStringLiteral("name")).toString();
        }
        return names;
    }
};

TEST_F(PoolNarrowingTest, TheDatabaseNeverLeavesOutADeviceTheRulesMatch)
{
    const Identity admin = addUser(QStringLiteral("admin"), true);
    QJsonArray devices;
    for (const auto &[hostname, vendor, model] :
         {std::tuple{"ab-core-1", "Cisco", "ISR4451"}, std::tuple{"ab-edge-2", "cisco", "isr1100"},
          std::tuple{"aa-core-3", "Arista", "7050"}, std::tuple{"ba-edge-4", "Ünïcode", "Ωmega"},
          std::tuple{"r10", "Juniper", "MX204"}})
        devices.append(QJsonObject{{QStringLiteral("hostname"), QLatin1String(hostname)},
                                   {QStringLiteral("vendor"), QString::fromUtf8(vendor)},
                                   {QStringLiteral("model"), QString::fromUtf8(model)},
                                   {QStringLiteral("platform"), QStringLiteral("cisco_ios")}});
    ASSERT_TRUE(core->devices().create(admin, devices, 1).ok());

    const auto rule = [](const char *property, const QString &value, const char *match) {
        return QJsonObject{
            {QStringLiteral("device_") + QLatin1String(property), value},
            {QStringLiteral("device_%1_match").arg(QLatin1String(property)), QLatin1String(match)}};
    };
    for (const QJsonObject &rules : {
             rule("name", QStringLiteral("^a.-core"), "regex"),
             rule("name", QStringLiteral("core"), "inclusion"),
             rule("vendor", QStringLiteral("Cisco"), "equality"),
             rule("vendor", QStringLiteral("(?i)^cisco$"), "regex"),
             rule("model", QStringLiteral("^\\w+$"), "regex"),
             rule("vendor", QStringLiteral("Ünï"), "inclusion"),
             // Numbered groups mean another group, or nothing, without captures.
             rule("name", QStringLiteral("(a)(?<n>b)\\1"), "regex"),
             rule("name", QStringLiteral(".*|(a)(?1)"), "regex"),
             rule("name", QStringLiteral("(a)\\g1"), "regex"),
             rule("name", QStringLiteral("(a)?(?(1)b|-c)"), "regex"),
             rule("driver", QStringLiteral("cisco"), "inclusion"),
         }) {
        const QStringList everyDevice = members(rules, false);
        EXPECT_EQ(members(rules, true), everyDevice) << QJsonDocument(rules).toJson().constData();
    }
    // It does narrow: an inclusion leaves out the others.
    const PoolRules::Compiled core =
        PoolRules::compile(rule("name", QStringLiteral("core"), "inclusion"));
    EXPECT_EQ(PoolRules::narrowing(core, QStringLiteral("device")).size(), 1);
    EXPECT_EQ(members(rule("name", QStringLiteral("core"), "inclusion"), true),
              (QStringList{QStringLiteral("ab-core-1"), QStringLiteral("aa-core-3")}));
}
