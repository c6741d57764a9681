#include "TokensTab.h"

#include "CoreServices.h"
#include "NewTokenDialog.h"
#include "common/ErrorMessage.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Cairn {

namespace {

QString timeText(std::optional<qint64> milliseconds, const QString &none)
{
    return milliseconds ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(*milliseconds),
                                             QLocale::ShortFormat)
                        : none;
}

} // namespace

TokensTab::TokensTab(CoreServices &core, const Identity &identity, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_identity(identity)
    , m_list(new QTreeWidget(this))
    , m_new(new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("&New Token…"), this))
    , m_revoke(
          new QPushButton(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Revoke"), this))
{
    m_list->setObjectName(QStringLiteral("tokens"));
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Key"), tr("Description"), tr("Access"), tr("Created"),
                             tr("Expires"), tr("Last used")});
    m_new->setObjectName(QStringLiteral("newToken"));
    m_revoke->setObjectName(QStringLiteral("revokeToken"));
    // A read-only token's holder cannot make tokens (that would widen its rights).
    m_new->setEnabled(!identity.readOnly);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_revoke);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_list);
    connect(m_new, &QPushButton::clicked, this, &TokensTab::newToken);
    connect(m_revoke, &QPushButton::clicked, this, &TokensTab::revoke);
    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this] { m_revoke->setEnabled(!m_identity.readOnly && m_list->currentItem()); });
    reload();
}

void TokensTab::reload()
{
    m_list->clear();
    const Result<QList<ApiToken>> tokens = m_core.tokens().listForUser(m_identity.user.id);
    if (!tokens)
        return;
    for (const ApiToken &token : tokens.value()) {
        auto *item = new QTreeWidgetItem(
            {token.keyPrefix + QStringLiteral("…"), token.description,
             token.readOnly ? tr("Read-only") : tr("Full"), timeText(token.createdAt, QString()),
             timeText(token.expiresAt, tr("Never")), timeText(token.lastUsedAt, tr("Not yet"))});
        item->setData(0, Qt::UserRole, token.id);
        m_list->addTopLevelItem(item);
    }
    for (int column = 0; column < m_list->columnCount(); ++column)
        m_list->resizeColumnToContents(column);
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
    const QTreeWidgetItem *item = m_list->currentItem();
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
