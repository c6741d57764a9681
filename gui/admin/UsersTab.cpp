#include "UsersTab.h"

#include "CoreServices.h"
#include "UserDialog.h"
#include "common/ErrorMessage.h"

#include <QHBoxLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Cairn {

UsersTab::UsersTab(CoreServices &core, const Identity &identity, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_identity(identity)
    , m_list(new QTreeWidget(this))
    , m_add(new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("&Add User…"), this))
    , m_password(new QPushButton(tr("Set &Password…"), this))
    , m_delete(new QPushButton(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete User"),
                               this))
{
    m_list->setObjectName(QStringLiteral("users"));
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("User"), tr("Email"), tr("Role"), tr("Groups")});
    m_add->setObjectName(QStringLiteral("addUser"));
    m_password->setObjectName(QStringLiteral("setPassword"));
    m_delete->setObjectName(QStringLiteral("deleteUser"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_add, m_password, m_delete})
        buttons->addWidget(button);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_list);
    connect(m_add, &QPushButton::clicked, this, &UsersTab::addUser);
    connect(m_password, &QPushButton::clicked, this, &UsersTab::setPassword);
    connect(m_delete, &QPushButton::clicked, this, &UsersTab::deleteUser);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &UsersTab::updateButtons);
    reload();
}

void UsersTab::reload()
{
    m_list->clear();
    const Result<QList<User>> users = m_core.accounts().users(m_identity);
    if (users) {
        for (const User &user : users.value()) {
            const Result<QStringList> groups = m_core.groups().namesOf(user.id);
            auto *item = new QTreeWidgetItem(
                {user.username, user.email, user.isSuperuser ? tr("Administrator") : tr("User"),
                 groups ? groups->join(QStringLiteral(", ")) : QString()});
            // The core takes users by id: a name of digits would be read as one.
            item->setData(0, Qt::UserRole, user.id);
            m_list->addTopLevelItem(item);
        }
    }
    for (int column = 0; column < m_list->columnCount(); ++column)
        m_list->resizeColumnToContents(column);
    updateButtons();
}

QString UsersTab::currentUsername() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->text(0) : QString();
}

QString UsersTab::currentUserId() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
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
