#include "shell/ConnectionDialog.h"

#include "FreePort.h"
#include "TestBackend.h"
#include "common/DatabasePassword.h"
#include "common/ErrorLabel.h"
#include "shell/ConnectionProfiles.h"

#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

// The dialog with a real connector: the database is opened, as the program opens it.
class ConnectionDialogTest : public testing::Test
{
protected:
    void SetUp() override
    {
        QSettings().clear();
        // The keychain's answer, not a developer's environment.
        qunsetenv("CAIRN_DB_PASSWORD");
    }

    ConnectionDialog::Connector connector()
    {
        return [this](const DatabaseConfig &database) -> Result<void> {
            CoreOptions options = Cairn::Test::TestBackend::freshOptions(m_dir.path());
            options.database = database;
            Result<std::unique_ptr<CoreServices>> opened = CoreServices::open(options);
            if (!opened)
                return opened.error();
            core = std::move(opened).value();
            return {};
        };
    }

    static void fill(ConnectionDialog &dialog, const QString &name, const QUrl &server)
    {
        dialog.findChild<QPushButton *>(QStringLiteral("newProfile"))->click();
        dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(name);
        dialog.findChild<QLineEdit *>(QStringLiteral("host"))->setText(server.host());
        dialog.findChild<QSpinBox *>(QStringLiteral("port"))->setValue(server.port());
        dialog.findChild<QLineEdit *>(QStringLiteral("database"))->setText(server.path().mid(1));
        dialog.findChild<QLineEdit *>(QStringLiteral("user"))->setText(server.userName());
    }

    QTemporaryDir m_dir;
    std::unique_ptr<CoreServices> core;
};

// A server that does not answer: the reason is shown, the dialog stays, nothing is
// remembered; this computer's database then connects.
TEST_F(ConnectionDialogTest, AFailedConnectionSaysWhyAndRemembersNothing)
{
    ConnectionDialog dialog(m_dir.path(), connector());
    QUrl closed;
    closed.setHost(QStringLiteral("127.0.0.1"));
    closed.setPort(Cairn::Test::freePort());
    closed.setPath(QStringLiteral("/cairn"));
    closed.setUserName(QStringLiteral("cairn"));
    fill(dialog, QStringLiteral("nowhere"), closed);
    dialog.accept();
    EXPECT_NE(dialog.result(), QDialog::Accepted);
    EXPECT_FALSE(dialog.findChild<ErrorLabel *>(QStringLiteral("generalError"))->isHidden());
    EXPECT_EQ(core, nullptr);
    EXPECT_TRUE(ConnectionProfiles::all().isEmpty());

    // A host QUrl cannot take is refused, not made localhost.
    dialog.findChild<QLineEdit *>(QStringLiteral("host"))->setText(QStringLiteral("db:5433"));
    dialog.accept();
    EXPECT_FALSE(dialog.findChild<ErrorLabel *>(QStringLiteral("hostError"))->isHidden());
    EXPECT_EQ(core, nullptr);

    // A profile needs a name of its own.
    dialog.findChild<QLineEdit *>(QStringLiteral("name"))->clear();
    dialog.accept();
    EXPECT_FALSE(dialog.findChild<ErrorLabel *>(QStringLiteral("nameError"))->isHidden());

    dialog.selectProfile(QString());
    dialog.accept();
    ASSERT_EQ(dialog.result(), QDialog::Accepted);
    ASSERT_NE(core, nullptr);
    EXPECT_EQ(core->options().database.driver, DatabaseConfig::Driver::Sqlite);
    EXPECT_EQ(ConnectionProfiles::lastUsed(), QString());
}

// A PostgreSQL profile that connected is remembered without its password, which the system
// keychain (a real one: gnome-keyring on a private D-Bus session) keeps when asked and forgets
// when no longer asked.
TEST_F(ConnectionDialogTest, APasswordIsKeptInTheKeychainAndNeverInTheSettings)
{
    if (!Cairn::Test::TestBackend::isPostgres())
        GTEST_SKIP() << "needs the PostgreSQL cluster (the suite's postgresql run)";
    const QUrl server(Cairn::Test::TestBackend::freshDatabaseUrl());
    const QString password = QStringLiteral("kept-in-the-keychain-4Rw");
    {
        ConnectionDialog dialog(m_dir.path(), connector());
        fill(dialog, QStringLiteral("lab cluster"), server);
        dialog.findChild<QLineEdit *>(QStringLiteral("password"))->setText(password);
        dialog.findChild<QCheckBox *>(QStringLiteral("rememberPassword"))->setChecked(true);
        dialog.accept();
        ASSERT_EQ(dialog.result(), QDialog::Accepted);
    }
    ASSERT_NE(core, nullptr);
    EXPECT_EQ(core->options().database.driver, DatabaseConfig::Driver::Postgres);
    EXPECT_EQ(core->options().database.password, password);
    ASSERT_EQ(ConnectionProfiles::all().size(), 1);
    EXPECT_EQ(ConnectionProfiles::lastUsed(), QStringLiteral("lab cluster"));
    const DatabaseConfig saved =
        DatabaseConfig::fromUrl(ConnectionProfiles::all().first().url, m_dir.path()).value();
    EXPECT_EQ(saved.databaseName, server.path().mid(1));
    EXPECT_EQ(DatabasePassword::lookup(saved), password);
    QSettings().sync();
    QFile settings(QSettings().fileName());
    ASSERT_TRUE(settings.open(QIODevice::ReadOnly));
    EXPECT_FALSE(settings.readAll().contains(password.toUtf8()));

    // Opened again, it offers the last profile with its password from the keychain.
    {
        core.reset();
        ConnectionDialog dialog(m_dir.path(), connector());
        EXPECT_EQ(dialog.findChild<QListWidget *>(QStringLiteral("profiles"))->currentRow(), 1);
        auto *remember = dialog.findChild<QCheckBox *>(QStringLiteral("rememberPassword"));
        EXPECT_TRUE(remember->isChecked());
        remember->setChecked(false);
        dialog.accept();
        ASSERT_EQ(dialog.result(), QDialog::Accepted);
        ASSERT_NE(core, nullptr);
        EXPECT_EQ(core->options().database.password, password);
    }
    EXPECT_EQ(DatabasePassword::lookup(saved), QString());
}

} // namespace
