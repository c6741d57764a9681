#include "PermissionsTab.h"

#include "CoreServices.h"
#include "GrantDialog.h"
#include "PermissionTypes.h"
#include "common/ErrorMessage.h"

#include <QPushButton>
#include <QTreeWidget>

namespace Cairn {

PermissionsTab::PermissionsTab(CoreServices &core, const Identity &identity, QWidget *parent)
    : ListTab(QStringLiteral("permissions"),
              {tr("Holder"), tr("Action"), tr("Object type"), tr("Object")}, true, parent)
    , m_core(core)
    , m_identity(identity)
    , m_administration(core.permissions(), core.users(), core.groups(), PermissionTypes::names())
{
    m_grant = addButton(QStringLiteral("list-add"), tr("&Grant…"), QStringLiteral("grant"));
    m_revoke = addButton(QStringLiteral("edit-delete"), tr("&Revoke"), QStringLiteral("revoke"));
    // Only a superuser grants (the core says why); others see what they hold.
    const bool administers = identity.user.isSuperuser && !identity.readOnly;
    m_grant->setEnabled(administers);
    m_revoke->setEnabled(false);
    connect(m_grant, &QPushButton::clicked, this, &PermissionsTab::grant);
    connect(m_revoke, &QPushButton::clicked, this, &PermissionsTab::revoke);
    connect(list(), &QTreeWidget::currentItemChanged, this,
            [this, administers] { m_revoke->setEnabled(administers && list()->currentItem()); });
    reload();
}

void PermissionsTab::reload()
{
    list()->clear();
    const Result<QList<Permission>> grants = m_administration.list(m_identity);
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
        list()->addTopLevelItem(item);
    }
    fitColumns();
}

void PermissionsTab::grant()
{
    GrantDialog dialog(m_core, m_administration, m_identity, this);
    if (dialog.exec() == QDialog::Accepted)
        reload();
}

void PermissionsTab::revoke()
{
    const QTreeWidgetItem *item = list()->currentItem();
    if (!item)
        return;
    const Result<void> revoked =
        m_administration.revoke(m_identity, item->data(0, Qt::UserRole).toLongLong());
    if (!revoked)
        ErrorMessage::show(this, tr("The permission was not revoked."), revoked.error());
    reload();
}

} // namespace Cairn
