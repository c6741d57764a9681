#include "CoreFixture.h"

#include <QJsonArray>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

QJsonObject object(std::initializer_list<QPair<QString, QJsonValue>> pairs)
{
    QJsonObject result;
    for (const auto &[key, value] : pairs)
        result.insert(key, value);
    return result;
}

QString fieldOf(const Error &error)
{
    return error.fields.isEmpty() ? QString() : error.fields.keys().first();
}

} // namespace

class InventoryTest : public Cairn::Test::CoreFixture
{
protected:
    void SetUp() override
    {
        CoreFixture::SetUp();
        admin = addUser(QStringLiteral("admin"), true);
        ASSERT_GT(admin.user.id, 0);
        for (const auto &[name, extra] :
             {QPair<QString, QJsonObject>{QStringLiteral("vendor"), {}},
              {QStringLiteral("metro"), {}},
              {QStringLiteral("owner"), object({{QStringLiteral("required"), true}})},
              {QStringLiteral("hw_type"),
               object(
                   {{QStringLiteral("constraints"),
                     object({{QStringLiteral("valid_values"),
                              QJsonArray{QStringLiteral("router"), QStringLiteral("switch")}}})}})},
              {QStringLiteral("role"),
               object({{QStringLiteral("constraints"),
                        object({{QStringLiteral("pattern"), QStringLiteral("core|edge")}})}})},
              {QStringLiteral("tags"), object({{QStringLiteral("multi"), true}})}}) {
            QJsonObject fields = extra;
            fields.insert(QStringLiteral("site_id"), 1);
            fields.insert(QStringLiteral("name"), name);
            fields.insert(QStringLiteral("resource_name"), QStringLiteral("Device"));
            ASSERT_TRUE(core->attributes().create(admin, QJsonArray{fields}).ok())
                << qPrintable(name);
        }
    }

    Result<QList<Device>> addDevice(const QString &hostname, const QJsonObject &attributes)
    {
        return core->devices().create(
            admin,
            QJsonArray{object({{QStringLiteral("hostname"), hostname},
                               {QStringLiteral("attributes"), attributes}})},
            1);
    }

    QList<qint64> query(const QString &text)
    {
        const Result<QList<qint64>> ids = core->devices().query(1, text);
        EXPECT_TRUE(ids.ok()) << qPrintable(ids.ok() ? QString() : ids.error().message);
        return ids.ok() ? ids.value() : QList<qint64>();
    }

    Identity admin;
};

TEST_F(InventoryTest, SitesAreUniqueAndKeepTheirChildren)
{
    const QJsonObject labFields = object({{QStringLiteral("name"), QStringLiteral("Lab")}});
    const Result<QList<Site>> created = core->sites().create(admin, QJsonArray{labFields});
    ASSERT_TRUE(created.ok());
    const Site lab = created->first();
    const Result<QList<Site>> again = core->sites().create(admin, QJsonArray{labFields});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::Conflict);
    EXPECT_EQ(fieldOf(again.error()), QStringLiteral("name"));
    EXPECT_EQ(fieldOf(core->sites().create(admin, QJsonArray{QJsonObject()}).error()),
              QStringLiteral("name"));
    // A list is created whole or not at all.
    const Result<QList<Site>> partly = core->sites().create(
        admin, QJsonArray{object({{QStringLiteral("name"), QStringLiteral("Annex")}}), labFields});
    EXPECT_EQ(partly.error().code, ErrorCode::Conflict);
    EXPECT_EQ(core->sites().get(QStringLiteral("Annex")).error().code, ErrorCode::NotFound);

    ASSERT_TRUE(addDevice(QStringLiteral("r1"),
                          object({{QStringLiteral("owner"), QStringLiteral("jathan")}}))
                    .ok());
    // Deleting the busy default site with the lab deletes neither.
    const Result<void> busy = core->sites().remove(admin, {lab.id, 1});
    ASSERT_FALSE(busy.ok());
    EXPECT_EQ(busy.error().code, ErrorCode::Conflict);
    EXPECT_TRUE(core->sites().get(lab.id).ok());
    EXPECT_TRUE(core->sites().remove(admin, {lab.id}).ok());
    EXPECT_EQ(core->sites().get(QStringLiteral("Default"))->id, 1);
}

TEST_F(InventoryTest, AttributeDefinitionsFollowTheirRules)
{
    const auto create = [this](const QJsonObject &fields) {
        return core->attributes().create(admin, QJsonArray{fields});
    };
    EXPECT_EQ(fieldOf(create(object({{QStringLiteral("site_id"), 1},
                                     {QStringLiteral("name"), QStringLiteral("Bad Name")},
                                     {QStringLiteral("resource_name"), QStringLiteral("Device")}}))
                          .error()),
              QStringLiteral("name"));
    EXPECT_EQ(fieldOf(create(object({{QStringLiteral("site_id"), 1},
                                     {QStringLiteral("name"), QStringLiteral("ok")},
                                     {QStringLiteral("resource_name"), QStringLiteral("Toaster")}}))
                          .error()),
              QStringLiteral("resource_name"));
    EXPECT_EQ(fieldOf(create(object({{QStringLiteral("name"), QStringLiteral("ok")},
                                     {QStringLiteral("resource_name"), QStringLiteral("Device")}}))
                          .error()),
              QStringLiteral("site_id"));
    const QJsonObject vendor{{QStringLiteral("site_id"), 1},
                             {QStringLiteral("name"), QStringLiteral("vendor")},
                             {QStringLiteral("resource_name"), QStringLiteral("Device")}};
    EXPECT_EQ(create(vendor).error().code, ErrorCode::Conflict);
    // A list with one bad definition creates none of them.
    const QJsonObject rack{{QStringLiteral("site_id"), 1},
                           {QStringLiteral("name"), QStringLiteral("rack")},
                           {QStringLiteral("resource_name"), QStringLiteral("Device")}};
    EXPECT_EQ(core->attributes().create(admin, QJsonArray{rack, vendor}).error().code,
              ErrorCode::Conflict);
    EXPECT_TRUE(core->attributes()
                    .list(AttributeFilter{1, QStringLiteral("Device"), QStringLiteral("rack")})
                    ->isEmpty());
    EXPECT_EQ(fieldOf(create(object({{QStringLiteral("site_id"), 1},
                                     {QStringLiteral("name"), QStringLiteral("re")},
                                     {QStringLiteral("resource_name"), QStringLiteral("Device")},
                                     {QStringLiteral("constraints"),
                                      object({{QStringLiteral("pattern"), QStringLiteral("(")}})}}))
                          .error()),
              QStringLiteral("constraints"));

    const QList<Attribute> owners =
        core->attributes()
            .list(AttributeFilter{1, QStringLiteral("Device"), QStringLiteral("owner")})
            .value();
    ASSERT_EQ(owners.size(), 1);
    EXPECT_TRUE(owners.first().display) << "required attributes are always displayed";
    const Result<QList<Attribute>> renamed = core->attributes().update(
        admin,
        QJsonArray{object({{QStringLiteral("id"), owners.first().id},
                           {QStringLiteral("name"), QStringLiteral("boss")}})},
        true);
    EXPECT_EQ(fieldOf(renamed.error()), QStringLiteral("name"));

    ASSERT_TRUE(addDevice(QStringLiteral("r1"),
                          object({{QStringLiteral("owner"), QStringLiteral("jathan")}}))
                    .ok());
    EXPECT_EQ(core->attributes().remove(admin, {owners.first().id}).error().code,
              ErrorCode::Conflict);
}

TEST_F(InventoryTest, DeviceAttributesAreValidatedAndNothingIsSavedOnError)
{
    const QJsonObject good =
        object({{QStringLiteral("owner"), QStringLiteral("jathan")},
                {QStringLiteral("hw_type"), QStringLiteral("router")},
                {QStringLiteral("role"), QStringLiteral("core-1")},
                {QStringLiteral("tags"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}}});
    const Result<QList<Device>> created = addDevice(QStringLiteral("lax-r1"), good);
    ASSERT_TRUE(created.ok()) << qPrintable(created.error().message);
    EXPECT_EQ(core->devices().get(QStringLiteral("lax-r1"))->attributes, good);

    const QList<QPair<QJsonObject, QString>> bad{
        {object({{QStringLiteral("owner"), QStringLiteral("x")},
                 {QStringLiteral("nope"), QStringLiteral("1")}}),
         QStringLiteral("does not exist")},
        {object({{QStringLiteral("vendor"), QStringLiteral("juniper")}}),
         QStringLiteral("Missing required attributes: owner")},
        {object({{QStringLiteral("owner"), 5}}), QStringLiteral("must be a string")},
        {object({{QStringLiteral("owner"), QString()}}), QStringLiteral("cannot be empty")},
        {object({{QStringLiteral("owner"), QStringLiteral("x")},
                 {QStringLiteral("hw_type"), QStringLiteral("toaster")}}),
         QStringLiteral("not a valid value")},
        {object({{QStringLiteral("owner"), QStringLiteral("x")},
                 {QStringLiteral("role"), QStringLiteral("my-core")}}),
         QStringLiteral("did not match pattern")},
        {object({{QStringLiteral("owner"), QStringLiteral("x")},
                 {QStringLiteral("tags"), QStringLiteral("a")}}),
         QStringLiteral("must be a list")},
    };
    for (const auto &[attributes, message] : bad) {
        const Result<QList<Device>> refused = addDevice(QStringLiteral("bad"), attributes);
        ASSERT_FALSE(refused.ok()) << qPrintable(message);
        EXPECT_EQ(refused.error().code, ErrorCode::BadRequest);
        EXPECT_EQ(fieldOf(refused.error()), QStringLiteral("attributes"));
        EXPECT_TRUE(refused.error().message.contains(message))
            << qPrintable(refused.error().message);
    }
    EXPECT_EQ(fieldOf(addDevice(QStringLiteral("bad host!"),
                                object({{QStringLiteral("owner"), QStringLiteral("x")}}))
                          .error()),
              QStringLiteral("hostname"));
    const Result<QList<Device>> duplicate = addDevice(
        QStringLiteral("lax-r1"), object({{QStringLiteral("owner"), QStringLiteral("x")}}));
    EXPECT_EQ(duplicate.error().code, ErrorCode::Conflict);

    // One bad item in a bulk create: none of them is saved.
    const QJsonArray bulk{object({{QStringLiteral("hostname"), QStringLiteral("ok1")},
                                  {QStringLiteral("attributes"),
                                   object({{QStringLiteral("owner"), QStringLiteral("x")}})}}),
                          object({{QStringLiteral("hostname"), QStringLiteral("ok2")},
                                  {QStringLiteral("attributes"),
                                   object({{QStringLiteral("nope"), QStringLiteral("x")}})}})};
    EXPECT_FALSE(core->devices().create(admin, bulk, 1).ok());
    EXPECT_EQ(core->devices().count(DeviceFilter{}).value(), 1);
    EXPECT_EQ(core->changes()
                  .count(ChangeFilter{
                      std::nullopt, QStringLiteral("Create"), QStringLiteral("Device"), {}})
                  .value(),
              1);
}

TEST_F(InventoryTest, PatchMergesAttributesAndPutReplacesThem)
{
    const Device device = addDevice(QStringLiteral("r1"),
                                    object({{QStringLiteral("owner"), QStringLiteral("jathan")},
                                            {QStringLiteral("vendor"), QStringLiteral("juniper")}}))
                              ->first();
    const auto patch = [&](QJsonObject item) {
        item.insert(QStringLiteral("id"), device.id);
        return core->devices().update(admin, QJsonArray{item}, true);
    };
    const Result<QList<Device>> merged =
        patch(object({{QStringLiteral("attributes"),
                       object({{QStringLiteral("vendor"), QStringLiteral("arista")},
                               {QStringLiteral("metro"), QStringLiteral("lax")}})}}));
    ASSERT_TRUE(merged.ok());
    EXPECT_EQ(merged->first().attributes,
              object({{QStringLiteral("owner"), QStringLiteral("jathan")},
                      {QStringLiteral("vendor"), QStringLiteral("arista")},
                      {QStringLiteral("metro"), QStringLiteral("lax")}}));
    EXPECT_EQ(patch(object({{QStringLiteral("attributes"),
                             object({{QStringLiteral("metro"), QJsonValue::Null}})}}))
                  ->first()
                  .attributes.size(),
              2);
    const Result<QList<Device>> requiredGone = patch(object(
        {{QStringLiteral("attributes"), object({{QStringLiteral("owner"), QJsonValue::Null}})}}));
    ASSERT_FALSE(requiredGone.ok());
    EXPECT_TRUE(
        requiredGone.error().message.contains(QLatin1String("Missing required attributes: owner")));
    EXPECT_EQ(patch(object({{QStringLiteral("ip_address"), QStringLiteral("192.0.2.1")},
                            {QStringLiteral("port"), 830}}))
                  ->first()
                  .port,
              830);

    const Result<QList<Device>> putWithout = core->devices().update(
        admin,
        QJsonArray{object({{QStringLiteral("id"), device.id},
                           {QStringLiteral("hostname"), QStringLiteral("r1")}})},
        false);
    EXPECT_EQ(fieldOf(putWithout.error()), QStringLiteral("attributes"));
    const Result<QList<Device>> put = core->devices().update(
        admin,
        QJsonArray{object({{QStringLiteral("id"), device.id},
                           {QStringLiteral("hostname"), QStringLiteral("r1b")},
                           {QStringLiteral("attributes"),
                            object({{QStringLiteral("owner"), QStringLiteral("bob")}})}})},
        false);
    ASSERT_TRUE(put.ok());
    EXPECT_EQ(put->first().attributes, object({{QStringLiteral("owner"), QStringLiteral("bob")}}));
    EXPECT_EQ(put->first().port, 22) << "PUT reverts omitted optional fields";
    EXPECT_EQ(put->first().ipAddress, QString());
    EXPECT_EQ(fieldOf(patch(object({{QStringLiteral("port"), 70000}})).error()),
              QStringLiteral("port"));
}

TEST_F(InventoryTest, BulkDeleteIsAllOrNothing)
{
    const qint64 first =
        addDevice(QStringLiteral("a1"), object({{QStringLiteral("owner"), QStringLiteral("x")}}))
            ->first()
            .id;
    const qint64 second =
        addDevice(QStringLiteral("a2"), object({{QStringLiteral("owner"), QStringLiteral("x")}}))
            ->first()
            .id;
    const Result<void> missing = core->devices().remove(admin, {first, 9999});
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    EXPECT_EQ(core->devices().count(DeviceFilter{}).value(), 2);
    ASSERT_TRUE(core->devices().remove(admin, {first, second, first}).ok());
    EXPECT_EQ(core->devices().count(DeviceFilter{}).value(), 0);
    const QList<Change> deletes =
        core->changes()
            .list(
                ChangeFilter{std::nullopt, QStringLiteral("Delete"), QStringLiteral("Device"), {}})
            .value();
    ASSERT_EQ(deletes.size(), 2);
    EXPECT_EQ(deletes.first().resource.value(QStringLiteral("hostname")).toString().left(1),
              QStringLiteral("a"));
}

TEST_F(InventoryTest, SetQueriesApplyLeftToRight)
{
    const QList<std::tuple<QString, QString, QString, QString>> rows{
        {QStringLiteral("lax-r1"), QStringLiteral("juniper"), QStringLiteral("lax"),
         QStringLiteral("jathan")},
        {QStringLiteral("lax-r2"), QStringLiteral("arista"), QStringLiteral("lax"),
         QStringLiteral("jathan")},
        {QStringLiteral("iad-r1"), QStringLiteral("juniper"), QStringLiteral("iad"),
         QStringLiteral("bob")},
        {QStringLiteral("sjc-r1"), QStringLiteral("cisco"), QStringLiteral("sjc"),
         QStringLiteral("bob")},
    };
    QHash<QString, qint64> ids;
    for (const auto &[hostname, vendor, metro, owner] : rows)
        ids.insert(hostname, addDevice(hostname, object({{QStringLiteral("vendor"), vendor},
                                                         {QStringLiteral("metro"), metro},
                                                         {QStringLiteral("owner"), owner}}))
                                 ->first()
                                 .id);
    EXPECT_EQ(query(QStringLiteral("vendor=juniper")),
              (QList<qint64>{ids[QStringLiteral("lax-r1")], ids[QStringLiteral("iad-r1")]}));
    EXPECT_EQ(query(QStringLiteral("vendor=juniper metro=lax")),
              (QList<qint64>{ids[QStringLiteral("lax-r1")]}));
    EXPECT_EQ(query(QStringLiteral("vendor=juniper -metro=lax")),
              (QList<qint64>{ids[QStringLiteral("iad-r1")]}));
    // Left to right: (juniper ∪ sjc) ∩ bob. PostgreSQL's own precedence would give juniper ∪ (sjc ∩
    // bob).
    EXPECT_EQ(query(QStringLiteral("vendor=juniper +metro=sjc owner=bob")),
              (QList<qint64>{ids[QStringLiteral("iad-r1")], ids[QStringLiteral("sjc-r1")]}));
    EXPECT_EQ(query(QStringLiteral("vendor_regex=^(ari|cis)")),
              (QList<qint64>{ids[QStringLiteral("lax-r2")], ids[QStringLiteral("sjc-r1")]}));
    EXPECT_EQ(query(QStringLiteral("'owner=jathan' -vendor=arista")),
              (QList<qint64>{ids[QStringLiteral("lax-r1")]}));
    EXPECT_TRUE(query(QString()).isEmpty());
    EXPECT_TRUE(query(QStringLiteral("vendor")).isEmpty()) << "a bare name means the empty value";

    const Result<QList<qint64>> unknown = core->devices().query(1, QStringLiteral("colour=red"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().message,
              QStringLiteral("Attribute matching query does not exist: 'colour'"));
    EXPECT_EQ(fieldOf(unknown.error()), QStringLiteral("query"));
    EXPECT_EQ(fieldOf(core->devices().query(1, QStringLiteral("vendor_regex=(")).error()),
              QStringLiteral("query"));
    EXPECT_EQ(fieldOf(core->devices().query(1, QStringLiteral("vendor='open")).error()),
              QStringLiteral("query"));
}

TEST_F(InventoryTest, OthersNeedPermissionOnTheSite)
{
    const Result<User> user = core->users().addUser(
        NewUser{QStringLiteral("mallory"), QStringLiteral("long enough"), {}, false});
    const Identity mallory{user.value(), false};
    const Result<QList<Device>> denied = core->devices().create(
        mallory,
        QJsonArray{object({{QStringLiteral("hostname"), QStringLiteral("x")},
                           {QStringLiteral("attributes"),
                            object({{QStringLiteral("owner"), QStringLiteral("m")}})}})},
        1);
    EXPECT_EQ(denied.error().code, ErrorCode::Forbidden);
    // A site she creates is hers to fill.
    const Result<QList<Site>> own = core->sites().create(
        mallory, QJsonArray{object({{QStringLiteral("name"), QStringLiteral("Mine")}})});
    ASSERT_TRUE(own.ok());
    EXPECT_TRUE(core->devices()
                    .create(mallory,
                            QJsonArray{object({{QStringLiteral("hostname"), QStringLiteral("x")}})},
                            own->first().id)
                    .ok());
    EXPECT_EQ(core->sites().remove(mallory, {1}).error().code, ErrorCode::Forbidden);
}
