#include "PermissionsTab.h"

#include "CoreServices.h"
#include "GrantDialog.h"
#include "PermissionTypes.h"
#include "auth/PermissionAdministration.h"
#include "common/ErrorMessage.h"

#include <QHBoxLayout>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Cairn {

namespace {

PermissionAdministration administrationOf(CoreServices &core)
{
    return {core.permissions(), core.users(), core.groups(), PermissionTypes::names()};
}

} // namespace

PermissionsTab::PermissionsTab(CoreServices &core, const Identity &identity, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_identity(identity)
    , m_list(new QTreeWidget(this))
    , m_grant(new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("&Grant…"), this))
    , m_revoke(
          new QPushButton(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Revoke"), this))
{
    m_list->setObjectName(QStringLiteral("permissions"));
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Holder"), tr("Action"), tr("Object type"), tr("Object")});
    m_grant->setObjectName(QStringLiteral("grant"));
    m_revoke->setObjectName(QStringLiteral("revoke"));
    // Only a superuser grants (the core says why); others see what they hold.
    const bool administers = identity.user.isSuperuser && !identity.readOnly;
    m_grant->setEnabled(administers);
    m_revoke->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_grant);
    buttons->addWidget(m_revoke);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_list);
    connect(m_grant, &QPushButton::clicked, this, &PermissionsTab::grant);
    connect(m_revoke, &QPushButton::clicked, this, &PermissionsTab::revoke);
    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this, administers] { m_revoke->setEnabled(administers && m_list->currentItem()); });
    reload();
}

void PermissionsTab::reload()
{
    m_list->clear();
    const Result<QList<Permission>> grants = administrationOf(m_core).list(m_identity);
    if (!grants)
        return;
    QHash<qint64, QString> users;
    QHash<qint64, QString> groups;
    if (const Result<QList<User>> all = m_core.users().listUsers())
        for (const User &user : all.value())
            users.insert(user.id, user.username);
    if (const Result<QList<Group>> all = m_core.groups().list())
        for (const Group &group : all.value())
            groups.insert(group.id, group.name);
    for (const Permission &grant : grants.value()) {
        const QString holder = grant.userId
                                   ? users.value(*grant.userId)
                                   : tr("%1 (group)").arg(groups.value(grant.groupId.value_or(0)));
        auto *item =
            new QTreeWidgetItem({holder, actionName(grant.action), grant.objectType,
                                 grant.objectId ? QString::number(*grant.objectId) : tr("All")});
        item->setData(0, Qt::UserRole, grant.id);
        m_list->addTopLevelItem(item);
    }
    for (int column = 0; column < m_list->columnCount(); ++column)
        m_list->resizeColumnToContents(column);
}

void PermissionsTab::grant()
{
    GrantDialog dialog(m_core, m_identity, this);
    if (dialog.exec() == QDialog::Accepted)
        reload();
}

void PermissionsTab::revoke()
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const Result<void> revoked =
        administrationOf(m_core).revoke(m_identity, item->data(0, Qt::UserRole).toLongLong());
    if (!revoked)
        ErrorMessage::show(this, tr("The permission was not revoked."), revoked.error());
    reload();
}

} // namespace Cairn
