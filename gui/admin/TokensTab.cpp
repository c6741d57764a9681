#include "TokensTab.h"

#include "CoreServices.h"
#include "NewTokenDialog.h"
#include "common/ErrorMessage.h"
#include "common/TimeText.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>

namespace Cairn {

TokensTab::TokensTab(CoreServices &core, const Identity &identity, QWidget *parent)
    : ListTab(QStringLiteral("tokens"),
              {tr("Key"), tr("Description"), tr("Access"), tr("Created"), tr("Expires"),
               tr("Last used")},
              true, parent)
    , m_core(core)
    , m_identity(identity)
{
    m_new = addButton(QStringLiteral("list-add"), tr("&New Token…"), QStringLiteral("newToken"));
    m_revoke =
        addButton(QStringLiteral("edit-delete"), tr("&Revoke"), QStringLiteral("revokeToken"));
    // A read-only token's holder cannot make tokens (that would widen its rights).
    m_new->setEnabled(!identity.readOnly);
    connect(m_new, &QPushButton::clicked, this, &TokensTab::newToken);
    connect(m_revoke, &QPushButton::clicked, this, &TokensTab::revoke);
    connect(list(), &QTreeWidget::currentItemChanged, this,
            [this] { m_revoke->setEnabled(!m_identity.readOnly && list()->currentItem()); });
    reload();
}

void TokensTab::reload()
{
    list()->clear();
    const Result<QList<ApiToken>> tokens = m_core.tokens().listForUser(m_identity.user.id);
    if (!tokens)
        return;
    for (const ApiToken &token : tokens.value()) {
        auto *item =
            new QTreeWidgetItem({token.keyPrefix + QStringLiteral("…"), token.description,
                                 token.readOnly ? tr("Read-only") : tr("Full"),
                                 TimeText::ofMilliseconds(token.createdAt),
                                 TimeText::ofMilliseconds(token.expiresAt, tr("Never")),
                                 TimeText::ofMilliseconds(token.lastUsedAt, tr("Not yet"))});
        item->setData(0, Qt::UserRole, token.id);
        list()->addTopLevelItem(item);
    }
    fitColumns();
    m_revoke->setEnabled(false);
}

void TokensTab::newToken()
{
    NewTokenDialog dialog(m_core, m_identity, this);
    dialog.exec();
    reload();
}

void TokensTab::revoke()
{
    const QTreeWidgetItem *item = list()->currentItem();
    if (!item)
        return;
    if (QMessageBox::question(
            this, tr("Revoke Token"),
            tr("Revoke the token %1? Scripts using it stop working at once.").arg(item->text(0)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    const Result<void> removed =
        m_core.tokens().remove(m_identity.user.id, item->data(0, Qt::UserRole).toLongLong());
    if (!removed)
        ErrorMessage::show(this, tr("The token was not revoked."), removed.error());
    reload();
}

} // namespace Cairn
