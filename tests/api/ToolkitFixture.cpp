#include "ToolkitFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Cairn::Test {

void ToolkitFixture::SetUp()
{
    const QString why = SshDevice::unavailableReason();
    if (!why.isEmpty())
        GTEST_SKIP() << why.toStdString();
}

QByteArray ToolkitFixture::credentialTokenOf(const QByteArray &apiToken, const QByteArray &name)
{
    const HttpReply set = client().request("POST", "/api/plugins/toolkit/credential-sets/",
                                           R"({"name": ")" + name + R"(", "username": ")" +
                                               QByteArray(SshDevice::User) + R"(", "password": ")" +
                                               SshDevice::password().toUtf8() + R"("})",
                                           HttpClient::token(apiToken));
    return set.status == 201 ? set.json()[QStringLiteral("credential_token")].toString().toUtf8()
                             : QByteArray();
}

QList<int> ToolkitFixture::addDevices(const QStringList &hostnames, quint16 port,
                                      const QString &platform)
{
    QJsonArray devices;
    for (const QString &hostname : hostnames)
        devices.append(QJsonObject{{QStringLiteral("hostname"), hostname},
                                   {QStringLiteral("ip_address"), QStringLiteral("127.0.0.1")},
                                   {QStringLiteral("port"), port},
                                   {QStringLiteral("platform"), platform}});
    const HttpReply created = admin("POST", "/api/devices/", QJsonDocument(devices).toJson());
    EXPECT_EQ(created.status, 201) << created.body.constData();
    QList<int> ids;
    for (const QJsonValue device : created.json().toArray())
        ids << device[QStringLiteral("id")].toInt();
    return ids;
}

QHash<QString, int> ToolkitFixture::addCommands(const QByteArray &json)
{
    const HttpReply created = admin("POST", "/api/plugins/toolkit/commands/", json);
    EXPECT_EQ(created.status, 201) << created.body.constData();
    QHash<QString, int> ids;
    for (const QJsonValue command : created.json().toArray())
        ids.insert(command[QStringLiteral("name")].toString(),
                   command[QStringLiteral("id")].toInt());
    return ids;
}

} // namespace Cairn::Test
