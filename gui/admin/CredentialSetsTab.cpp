#include "CredentialSetsTab.h"

#include "CoreServices.h"
#include "CredentialSetDialog.h"
#include "common/ErrorMessage.h"
#include "common/RichText.h"
#include "common/TimeText.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>

namespace Cairn {

namespace {

// Enough for any one person's sets; a superuser's view of everyone's is cut there.
constexpr int ListLimit = 1000;

} // namespace

CredentialSetsTab::CredentialSetsTab(CoreServices &core, const Identity &identity, QWidget *parent)
    : ListTab(QStringLiteral("credentialSets"),
              {tr("Name"), tr("Owner"), tr("Username"), tr("Holds"), tr("Platforms"), tr("Created"),
               tr("Last used")},
              true, parent)
    , m_core(core)
    , m_identity(identity)
{
    m_new = addButton(QStringLiteral("list-add"), tr("&New Set…"), QStringLiteral("newSet"));
    m_edit = addButton(QStringLiteral("document-edit"), tr("&Edit…"), QStringLiteral("editSet"));
    m_delete = addButton(QStringLiteral("edit-delete"), tr("&Delete"), QStringLiteral("deleteSet"));
    m_new->setEnabled(!identity.readOnly);
    connect(m_new, &QPushButton::clicked, this, &CredentialSetsTab::newSet);
    connect(m_edit, &QPushButton::clicked, this, &CredentialSetsTab::editSet);
    connect(m_delete, &QPushButton::clicked, this, &CredentialSetsTab::deleteSet);
    connect(list(), &QTreeWidget::itemActivated, this, &CredentialSetsTab::editSet);
    connect(list(), &QTreeWidget::currentItemChanged, this, &CredentialSetsTab::updateButtons);
    reload();
}

void CredentialSetsTab::reload()
{
    list()->clear();
    const Result<QList<CredentialSet>> sets =
        m_core.credentialSets().list(m_identity, ListLimit, 0);
    if (!sets)
        ErrorMessage::show(this, tr("The credential sets could not be read."), sets.error());
    m_sets = sets ? sets.value() : QList<CredentialSet>();
    // Owners' names read once, not once per set.
    QHash<qint64, QString> owners;
    if (const Result<QList<User>> users = m_core.users().listUsers()) {
        for (const User &user : users.value())
            owners.insert(user.id, user.username);
    }
    for (const CredentialSet &set : std::as_const(m_sets)) {
        QStringList holds;
        if (set.hasPassword)
            holds << tr("password");
        if (set.hasPrivateKey)
            holds << tr("private key");
        if (set.hasEnablePassword)
            holds << tr("enable password");
        auto *item = new QTreeWidgetItem(
            {set.name, owners.value(set.ownerId, QString::number(set.ownerId)), set.username,
             holds.join(QStringLiteral(", ")),
             set.platforms.isEmpty() ? tr("Any") : set.platforms.join(QStringLiteral(", ")),
             TimeText::ofMilliseconds(set.createdAt),
             TimeText::ofMilliseconds(set.lastUsedAt, tr("Not yet"))});
        item->setData(0, Qt::UserRole, set.id);
        item->setToolTip(0, RichText::plain(set.description));
        list()->addTopLevelItem(item);
    }
    fitColumns();
    updateButtons();
}

std::optional<CredentialSet> CredentialSetsTab::currentSet() const
{
    const QTreeWidgetItem *item = list()->currentItem();
    if (!item)
        return std::nullopt;
    const qint64 id = item->data(0, Qt::UserRole).toLongLong();
    for (const CredentialSet &set : m_sets) {
        if (set.id == id)
            return set;
    }
    return std::nullopt;
}

void CredentialSetsTab::updateButtons()
{
    const std::optional<CredentialSet> set = currentSet();
    const bool mayChange = set && !m_identity.readOnly;
    // Only the owner may change a set; a superuser may delete anyone's.
    m_edit->setEnabled(mayChange && set->ownerId == m_identity.user.id);
    m_delete->setEnabled(mayChange);
}

void CredentialSetsTab::newSet()
{
    CredentialSetDialog dialog(m_core, m_identity, std::nullopt, this);
    dialog.exec();
    reload();
}

void CredentialSetsTab::editSet()
{
    const std::optional<CredentialSet> set = currentSet();
    if (!set || !m_edit->isEnabled())
        return;
    CredentialSetDialog dialog(m_core, m_identity, set, this);
    dialog.exec();
    reload();
}

void CredentialSetsTab::deleteSet()
{
    const std::optional<CredentialSet> set = currentSet();
    if (!set)
        return;
    if (QMessageBox::question(this, tr("Delete Credential Set"),
                              // Another user's name for it, shown as typed, never as markup.
                              RichText::plain(tr("Delete the credential set %1? Requests naming "
                                                 "its token stop working at once.")
                                                  .arg(set->name)),
                              QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    const Result<void> removed = m_core.credentialSets().remove(m_identity, set->id);
    if (!removed)
        ErrorMessage::show(this, tr("The credential set was not deleted."), removed.error());
    reload();
}

} // namespace Cairn
