#include "UsersTab.h"

#include "CoreServices.h"
#include "UserDialog.h"
#include "common/ErrorMessage.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>

namespace Cairn {

UsersTab::UsersTab(CoreServices &core, const Identity &identity, QWidget *parent)
    : ListTab(QStringLiteral("users"), {tr("User"), tr("Email"), tr("Role"), tr("Groups")}, true,
              parent)
    , m_core(core)
    , m_identity(identity)
{
    m_add = addButton(QStringLiteral("list-add"), tr("&Add User…"), QStringLiteral("addUser"));
    m_password = addButton({}, tr("Set &Password…"), QStringLiteral("setPassword"));
    m_delete =
        addButton(QStringLiteral("edit-delete"), tr("&Delete User"), QStringLiteral("deleteUser"));
    connect(m_add, &QPushButton::clicked, this, &UsersTab::addUser);
    connect(m_password, &QPushButton::clicked, this, &UsersTab::setPassword);
    connect(m_delete, &QPushButton::clicked, this, &UsersTab::deleteUser);
    connect(list(), &QTreeWidget::currentItemChanged, this, &UsersTab::updateButtons);
    reload();
}

void UsersTab::reload()
{
    list()->clear();
    const Result<QList<User>> users = m_core.accounts().users(m_identity);
    if (users) {
        for (const User &user : users.value()) {
            const Result<QStringList> groups = m_core.groups().namesOf(user.id);
            auto *item = new QTreeWidgetItem(
                {user.username, user.email, user.isSuperuser ? tr("Administrator") : tr("User"),
                 groups ? groups->join(QStringLiteral(", ")) : QString()});
            // The core takes users by id: a name of digits would be read as one.
            item->setData(0, Qt::UserRole, user.id);
            list()->addTopLevelItem(item);
        }
    }
    fitColumns();
    updateButtons();
}

QString UsersTab::currentUsername() const
{
    const QTreeWidgetItem *item = list()->currentItem();
    return item ? item->text(0) : QString();
}

QString UsersTab::currentUserId() const
{
    const QTreeWidgetItem *item = list()->currentItem();
    return item ? QString::number(item->data(0, Qt::UserRole).toLongLong()) : QString();
}

void UsersTab::updateButtons()
{
    const auto may = [this](Action action) {
        const Result<bool> allowed = m_core.permissions().isAllowed(
            m_identity, QString::fromLatin1(AccountAdministration::UserType), std::nullopt, action);
        return allowed && allowed.value();
    };
    const QString current = currentUsername();
    // The core asks admin on users for each of these.
    const bool administers = may(Action::Admin);
    m_add->setEnabled(administers);
    m_password->setEnabled(!current.isEmpty() && administers);
    m_delete->setEnabled(!current.isEmpty() && current != m_identity.user.username && administers);
}

void UsersTab::addUser()
{
    UserDialog dialog(m_core, m_identity, this);
    if (dialog.exec() == QDialog::Accepted)
        reload();
}

void UsersTab::setPassword()
{
    const QString username = currentUsername();
    if (username.isEmpty())
        return;
    UserDialog dialog(m_core, m_identity, currentUserId(), username, this);
    dialog.exec();
}

void UsersTab::deleteUser()
{
    const QString username = currentUsername();
    if (username.isEmpty() ||
        QMessageBox::question(this, tr("Delete User"),
                              tr("Delete the user %1, with their tokens and grants?").arg(username),
                              QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    const Result<User> removed = m_core.accounts().deleteUser(m_identity, currentUserId());
    if (!removed)
        ErrorMessage::show(this, tr("The user was not deleted."), removed.error());
    reload();
}

} // namespace Cairn
