#include "admin/AdministrationPage.h"

#include "CoreFixture.h"
#include "PermissionTypes.h"
#include "admin/CredentialSetDialog.h"
#include "admin/CredentialSetsTab.h"
#include "admin/GrantDialog.h"
#include "admin/GroupsTab.h"
#include "admin/NewTokenDialog.h"
#include "admin/PermissionsTab.h"
#include "admin/TokensTab.h"
#include "admin/UserDialog.h"
#include "admin/UsersTab.h"
#include "auth/PermissionAdministration.h"
#include "common/ErrorLabel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTreeWidget>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

class AdministrationPageTest : public Cairn::Test::CoreFixture
{
protected:
    void SetUp() override
    {
        CoreFixture::SetUp();
        admin = addUser(QStringLiteral("admin"), true);
    }

    static QStringList rowTexts(const QTreeWidget *list)
    {
        QStringList texts;
        for (int row = 0; row < list->topLevelItemCount(); ++row)
            for (int column = 0; column < list->columnCount(); ++column)
                texts << list->topLevelItem(row)->text(column);
        return texts;
    }

    Identity admin;
};

TEST_F(AdministrationPageTest, ANewTokensKeyIsShownOnceOnTheClipboardAndListedOnlyByItsPrefix)
{
    NewTokenDialog dialog(*core, admin);
    dialog.findChild<QLineEdit *>(QStringLiteral("description"))->setText(QStringLiteral("ci"));
    EXPECT_TRUE(dialog.key().isEmpty());
    dialog.accept();
    EXPECT_NE(dialog.result(), QDialog::Accepted); // still open, showing the key
    const QString key = dialog.key();
    ASSERT_EQ(key.size(), 40);
    EXPECT_EQ(QApplication::clipboard()->text(), key);
    const Result<Identity> resolved = core->tokens().resolve(key);
    ASSERT_TRUE(resolved.ok());
    EXPECT_EQ(resolved->user.id, admin.user.id);
    dialog.accept();
    EXPECT_EQ(dialog.result(), QDialog::Accepted);

    TokensTab tab(*core, admin);
    ASSERT_EQ(tab.list()->topLevelItemCount(), 1);
    const QStringList shown = rowTexts(tab.list());
    EXPECT_TRUE(shown.contains(QStringLiteral("ci")));
    EXPECT_TRUE(shown.first().startsWith(key.left(4)));
    for (const QString &text : shown)
        EXPECT_FALSE(text.contains(key)) << "the key is shown again: " << text.toStdString();
}

TEST_F(AdministrationPageTest, ANewUserNeedsTheSamePasswordTwiceAndTheCoresRules)
{
    UserDialog dialog(*core, admin);
    dialog.findChild<QLineEdit *>(QStringLiteral("username"))->setText(QStringLiteral("bob"));
    dialog.findChild<QLineEdit *>(QStringLiteral("password"))
        ->setText(QStringLiteral("long enough"));
    dialog.findChild<QLineEdit *>(QStringLiteral("confirm"))
        ->setText(QStringLiteral("long enougH"));
    dialog.accept();
    const auto *error = dialog.findChild<ErrorLabel *>(QStringLiteral("error"));
    EXPECT_FALSE(error->isHidden());
    EXPECT_FALSE(core->users().userByUsername(QStringLiteral("bob")).ok());

    dialog.findChild<QLineEdit *>(QStringLiteral("password"))->setText(QStringLiteral("short"));
    dialog.findChild<QLineEdit *>(QStringLiteral("confirm"))->setText(QStringLiteral("short"));
    dialog.accept();
    EXPECT_FALSE(error->isHidden());
    EXPECT_FALSE(core->users().userByUsername(QStringLiteral("bob")).ok());

    dialog.findChild<QLineEdit *>(QStringLiteral("password"))
        ->setText(QStringLiteral("long enough"));
    dialog.findChild<QLineEdit *>(QStringLiteral("confirm"))
        ->setText(QStringLiteral("long enough"));
    dialog.accept();
    EXPECT_EQ(dialog.result(), QDialog::Accepted) << error->text().toStdString();
    EXPECT_TRUE(
        core->users().verifyPassword(QStringLiteral("bob"), QStringLiteral("long enough")).ok());

    UsersTab tab(*core, admin);
    EXPECT_TRUE(rowTexts(tab.list()).contains(QStringLiteral("bob")));
}

TEST_F(AdministrationPageTest, ASuperuserGrantsAndAnOrdinaryUserOnlySeesWhatTheyHold)
{
    const Identity alice = addUser(QStringLiteral("alice"), false);
    PermissionAdministration administration(core->permissions(), core->users(), core->groups(),
                                            PermissionTypes::names());
    GrantDialog dialog(*core, administration, admin);
    auto *holder = dialog.findChild<QComboBox *>(QStringLiteral("holder"));
    holder->setCurrentIndex(holder->findText(QStringLiteral("alice")));
    dialog.findChild<QComboBox *>(QStringLiteral("action"))
        ->setCurrentText(QStringLiteral("change"));
    dialog.findChild<QComboBox *>(QStringLiteral("objectType"))
        ->setCurrentText(QStringLiteral("site"));
    dialog.accept();
    ASSERT_EQ(dialog.result(), QDialog::Accepted)
        << dialog.findChild<ErrorLabel *>(QStringLiteral("error"))->text().toStdString();
    EXPECT_TRUE(
        core->permissions().isAllowed(alice, QStringLiteral("site"), 1, Action::Change).value());

    AdministrationPage asAlice(*core, alice);
    EXPECT_EQ(asAlice.permissions()->list()->topLevelItemCount(), 1);
    EXPECT_FALSE(
        asAlice.permissions()->findChild<QPushButton *>(QStringLiteral("grant"))->isEnabled());
    EXPECT_FALSE(asAlice.users()->findChild<QPushButton *>(QStringLiteral("addUser"))->isEnabled());
}

TEST_F(AdministrationPageTest, AUserNamedWithDigitsIsNeverTakenForTheUserWithThatId)
{
    // admin has id 1; a user may be named "1".
    ASSERT_EQ(admin.user.id, 1);
    const Identity named1 = addUser(QStringLiteral("1"), false);
    GroupsTab groups(*core, admin);
    groups.addGroup(QStringLiteral("netops"));
    groups.list()->setCurrentItem(groups.list()->topLevelItem(0));
    groups.addMember(QStringLiteral("1"));
    EXPECT_EQ(core->groups().namesOf(named1.user.id).value(),
              QStringList{QStringLiteral("netops")});
    EXPECT_TRUE(core->groups().namesOf(admin.user.id).value().isEmpty());

    UserDialog password(*core, admin, QString::number(named1.user.id), QStringLiteral("1"));
    password.findChild<QLineEdit *>(QStringLiteral("password"))
        ->setText(QStringLiteral("another one"));
    password.findChild<QLineEdit *>(QStringLiteral("confirm"))
        ->setText(QStringLiteral("another one"));
    password.accept();
    ASSERT_EQ(password.result(), QDialog::Accepted);
    EXPECT_TRUE(
        core->users().verifyPassword(QStringLiteral("1"), QStringLiteral("another one")).ok());
    EXPECT_TRUE(
        core->users().verifyPassword(QStringLiteral("admin"), QStringLiteral("long enough")).ok());
}

TEST_F(AdministrationPageTest, GroupsAreMadeAndTheirMembersChangedByWhoAdministersGroups)
{
    const Identity alice = addUser(QStringLiteral("alice"), false);
    GroupsTab tab(*core, admin);
    tab.addGroup(QStringLiteral("netops"));
    ASSERT_EQ(tab.list()->topLevelItemCount(), 1);
    tab.list()->setCurrentItem(tab.list()->topLevelItem(0));
    tab.addMember(QStringLiteral("alice"));
    EXPECT_EQ(core->groups().namesOf(alice.user.id).value(), QStringList{QStringLiteral("netops")});
    ASSERT_EQ(tab.list()->topLevelItem(0)->childCount(), 1);
    tab.list()->setCurrentItem(tab.list()->topLevelItem(0)->child(0));
    EXPECT_TRUE(tab.findChild<QPushButton *>(QStringLiteral("removeMember"))->isEnabled());
    tab.removeMember();
    EXPECT_TRUE(core->groups().namesOf(alice.user.id).value().isEmpty());

    GroupsTab asAlice(*core, alice);
    for (const QString &name : {QStringLiteral("addGroup"), QStringLiteral("deleteGroup"),
                                QStringLiteral("addMember"), QStringLiteral("removeMember")})
        EXPECT_FALSE(asAlice.findChild<QPushButton *>(name)->isEnabled()) << name.toStdString();
}

} // namespace

namespace {

// Every file under `folder` that holds `secret` as bytes.
QStringList filesHolding(const QString &folder, const QByteArray &secret)
{
    QStringList holding;
    QDirIterator files(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(secret))
            holding << file.fileName();
    }
    return holding;
}

} // namespace

// Device credentials typed into the GUI reach the core sealed and nowhere else: not the
// database files, not the settings, not the dialog after it closed. The token is shown once.
TEST_F(AdministrationPageTest, CredentialSetsTypedInTheGuiAreNeverWrittenInClear)
{
    const QByteArray password = "typed-in-the-gui-7Qx!";
    // A real key: the core reads what it is given.
    const QString keyPath = m_dir.filePath(QStringLiteral("gui-key"));
    ASSERT_EQ(
        QProcess::execute(QStringLiteral("ssh-keygen"),
                          {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                           QStringLiteral("-N"), QString(), QStringLiteral("-f"), keyPath}),
        0);
    QFile keyFile(keyPath);
    ASSERT_TRUE(keyFile.open(QIODevice::ReadOnly));
    const QByteArray key = keyFile.readAll();
    const QByteArray keyBody = key.split('\n').at(1);
    keyFile.close();
    QFile::remove(keyPath);
    QFile::remove(keyPath + QStringLiteral(".pub"));
    AdministrationPage page(*core, admin);
    auto *list = page.credentialSets()->list();
    {
        CredentialSetDialog dialog(*core, admin, std::nullopt);
        // Refused without a name: said beside the field, nothing saved.
        dialog.findChild<QLineEdit *>(QStringLiteral("username"))->setText(QStringLiteral("ops"));
        dialog.findChild<QLineEdit *>(QStringLiteral("password"))
            ->setText(QString::fromLatin1(password));
        dialog.accept();
        EXPECT_FALSE(dialog.findChild<ErrorLabel *>(QStringLiteral("nameError"))->isHidden());
        EXPECT_EQ(core->credentialSets().count(admin).value(), 0);

        dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("lab"));
        dialog.findChild<QPlainTextEdit *>(QStringLiteral("private_key"))
            ->setPlainText(QString::fromLatin1(key));
        auto *platforms = dialog.findChild<QListWidget *>(QStringLiteral("platforms"));
        platforms->findItems(QStringLiteral("cisco_ios"), Qt::MatchExactly)
            .first()
            ->setCheckState(Qt::Checked);
        dialog.accept();
        ASSERT_EQ(core->credentialSets().count(admin).value(), 1);
        EXPECT_FALSE(dialog.token().isEmpty());
        EXPECT_EQ(QApplication::clipboard()->text(), dialog.token());
        EXPECT_TRUE(dialog.findChild<QLineEdit *>(QStringLiteral("password"))->text().isEmpty());
        EXPECT_TRUE(dialog.findChild<QPlainTextEdit *>(QStringLiteral("private_key"))
                        ->toPlainText()
                        .isEmpty());
        const Result<ResolvedCredentials> resolved =
            core->credentialSets().resolve(admin, dialog.token(), QStringLiteral("cisco_ios"));
        ASSERT_TRUE(resolved.ok()) << resolved.error().message.toStdString();
        EXPECT_EQ(resolved->secrets.password.toLatin1(), password);
        EXPECT_EQ(resolved->secrets.privateKey.toLatin1(), key);
        EXPECT_FALSE(core->credentialSets()
                         .resolve(admin, dialog.token(), QStringLiteral("arista_eos"))
                         .ok());
        dialog.accept();
    }
    page.credentialSets()->reload();
    ASSERT_EQ(list->topLevelItemCount(), 1);
    EXPECT_TRUE(list->topLevelItem(0)->text(3).contains(u"password"));
    EXPECT_EQ(list->topLevelItem(0)->text(4), QStringLiteral("cisco_ios"));

    // An edit that types no secret keeps the secrets.
    const CredentialSet set = core->credentialSets().list(admin, 10, 0).value().first();
    {
        CredentialSetDialog edit(*core, admin, set);
        edit.findChild<QLineEdit *>(QStringLiteral("username"))->setText(QStringLiteral("netops"));
        edit.accept();
        EXPECT_EQ(edit.result(), QDialog::Accepted);
    }
    const CredentialSet edited = core->credentialSets().get(admin, set.id).value();
    EXPECT_EQ(edited.username, QStringLiteral("netops"));
    EXPECT_TRUE(edited.hasPassword);
    EXPECT_TRUE(edited.hasPrivateKey);

    QSettings().sync();
    EXPECT_EQ(filesHolding(m_dir.path(), password), QStringList());
    EXPECT_EQ(filesHolding(m_dir.path(), keyBody), QStringList());
    const QString settings = QFileInfo(QSettings().fileName()).absolutePath();
    EXPECT_EQ(filesHolding(settings, password), QStringList());
    EXPECT_EQ(filesHolding(settings, keyBody), QStringList());
}
