#include "GroupsTab.h"

#include "CoreServices.h"
#include "common/ErrorMessage.h"
#include "common/RichText.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>

namespace Cairn {

namespace {

// Group rows carry their id; member rows none.
constexpr int GroupIdRole = Qt::UserRole;

} // namespace

GroupsTab::GroupsTab(CoreServices &core, const Identity &identity, QWidget *parent)
    : ListTab(QStringLiteral("groups"), {tr("Group or member"), tr("Description")}, false, parent)
    , m_core(core)
    , m_identity(identity)
{
    const Result<bool> administers = m_core.permissions().isAllowed(
        identity, QString::fromLatin1(AccountAdministration::GroupType), std::nullopt,
        Action::Admin);
    m_administers = administers && administers.value();
    m_add = addButton(QStringLiteral("list-add"), tr("&New Group…"), QStringLiteral("addGroup"));
    m_delete = addButton(QStringLiteral("edit-delete"), tr("&Delete Group"),
                         QStringLiteral("deleteGroup"));
    m_addMember = addButton({}, tr("Add &Member…"), QStringLiteral("addMember"));
    m_removeMember = addButton({}, tr("&Remove Member"), QStringLiteral("removeMember"));
    connect(m_add, &QPushButton::clicked, this, [this] { addGroup(); });
    connect(m_delete, &QPushButton::clicked, this, &GroupsTab::deleteGroup);
    connect(m_addMember, &QPushButton::clicked, this, [this] { addMember(); });
    connect(m_removeMember, &QPushButton::clicked, this, &GroupsTab::removeMember);
    connect(list(), &QTreeWidget::currentItemChanged, this, &GroupsTab::updateButtons);
    reload();
}

void GroupsTab::reload()
{
    list()->clear();
    const Result<QList<Group>> groups = m_core.accounts().groups(m_identity);
    for (const Group &group : groups ? groups.value() : QList<Group>()) {
        auto *item = new QTreeWidgetItem({group.name, group.description});
        item->setIcon(0, QIcon::fromTheme(QStringLiteral("system-users")));
        item->setData(0, GroupIdRole, group.id);
        const Result<QStringList> members = m_core.accounts().members(m_identity, group);
        for (const QString &member : members ? members.value() : QStringList())
            item->addChild(new QTreeWidgetItem({member}));
        list()->addTopLevelItem(item);
        item->setExpanded(true);
    }
    fitColumns();
    updateButtons();
}

QTreeWidgetItem *GroupsTab::currentGroup() const
{
    QTreeWidgetItem *item = list()->currentItem();
    return item && item->parent() ? item->parent() : item;
}

void GroupsTab::updateButtons()
{
    const QTreeWidgetItem *item = list()->currentItem();
    m_add->setEnabled(m_administers);
    m_delete->setEnabled(m_administers && item && !item->parent());
    m_addMember->setEnabled(m_administers && item);
    m_removeMember->setEnabled(m_administers && item && item->parent());
}

void GroupsTab::addGroup(const QString &name)
{
    QString chosen = name;
    if (chosen.isEmpty())
        chosen = QInputDialog::getText(this, tr("New Group"), tr("Name of the group:"));
    if (chosen.trimmed().isEmpty())
        return;
    const Result<Group> made = m_core.accounts().createGroup(m_identity, chosen.trimmed());
    if (!made)
        ErrorMessage::show(this, tr("The group was not made."), made.error());
    reload();
}

void GroupsTab::deleteGroup()
{
    const QTreeWidgetItem *group = currentGroup();
    if (!group ||
        QMessageBox::question(
            this, tr("Delete Group"),
            RichText::plain(tr("Delete the group %1? Its members lose what it was granted.")
                                .arg(group->text(0))),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    const Result<Group> removed = m_core.accounts().deleteGroup(
        m_identity, QString::number(group->data(0, GroupIdRole).toLongLong()));
    if (!removed)
        ErrorMessage::show(this, tr("The group was not deleted."), removed.error());
    reload();
}

void GroupsTab::addMember(const QString &username)
{
    QString chosen = username;
    if (chosen.isEmpty()) {
        QStringList names;
        const Result<QList<User>> users = m_core.accounts().users(m_identity);
        for (const User &user : users ? users.value() : QList<User>())
            names << user.username;
        bool chose = false;
        chosen =
            QInputDialog::getItem(this, tr("Add Member"), tr("User:"), names, 0, false, &chose);
        if (!chose)
            return;
    }
    act(QStringLiteral("add_user"), chosen);
}

void GroupsTab::removeMember()
{
    const QTreeWidgetItem *item = list()->currentItem();
    if (item && item->parent())
        act(QStringLiteral("remove_user"), item->text(0));
}

void GroupsTab::act(const QString &action, const QString &username)
{
    const QTreeWidgetItem *group = currentGroup();
    if (!group || username.isEmpty())
        return;
    // By id: the core reads a name of digits as an id.
    const Result<User> user = m_core.users().userByUsername(username);
    if (!user) {
        ErrorMessage::show(this, tr("The members were not changed."), user.error());
        return;
    }
    const Result<Group> changed = m_core.accounts().actOnGroup(
        m_identity, QString::number(group->data(0, GroupIdRole).toLongLong()), action,
        QString::number(user->id));
    if (!changed)
        ErrorMessage::show(this, tr("The members were not changed."), changed.error());
    reload();
}

} // namespace Cairn
