#include "AdministrationPage.h"

#include "CoreServices.h"
#include "CredentialSetsTab.h"
#include "GroupsTab.h"
#include "PermissionsTab.h"
#include "TokensTab.h"
#include "UsersTab.h"

#include <QAction>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Cairn {

AdministrationPage::AdministrationPage(CoreServices &core, const Identity &identity,
                                       QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_users(new UsersTab(core, identity, m_tabs))
    , m_groups(new GroupsTab(core, identity, m_tabs))
    , m_permissions(new PermissionsTab(core, identity, m_tabs))
    , m_tokens(new TokensTab(core, identity, m_tabs))
    , m_credentialSets(new CredentialSetsTab(core, identity, m_tabs))
    , m_refresh(new QAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Refresh"), this))
{
    m_tabs->addTab(m_users, QIcon::fromTheme(QStringLiteral("system-users")), tr("Users"));
    m_tabs->addTab(m_groups, QIcon::fromTheme(QStringLiteral("system-users")), tr("Groups"));
    m_tabs->addTab(m_permissions, QIcon::fromTheme(QStringLiteral("dialog-password")),
                   tr("Permissions"));
    m_tabs->addTab(m_tokens, QIcon::fromTheme(QStringLiteral("network-server")), tr("API Tokens"));
    m_tabs->addTab(m_credentialSets, QIcon::fromTheme(QStringLiteral("dialog-password")),
                   tr("Device Credentials"));

    auto *server = new QWidget(m_tabs);
    auto *facts = new QFormLayout(server);
    const auto addFact = [server, facts](const QString &label, const QString &value) {
        auto *text = new QLabel(value, server);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        facts->addRow(label, text);
    };
    addFact(tr("Version:"), QStringLiteral(CAIRN_VERSION));
    addFact(tr("Database:"), core.options().database.describe());
    addFact(tr("Data folder:"), QDir::toNativeSeparators(core.options().dataDir));
    addFact(tr("Signed in as:"), identity.user.username);
    m_tabs->addTab(server, QIcon::fromTheme(QStringLiteral("computer")), tr("This Program"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    m_refresh->setObjectName(QStringLiteral("refresh"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    addAction(m_refresh);
    connect(m_refresh, &QAction::triggered, this, &AdministrationPage::reload);
}

QList<QAction *> AdministrationPage::toolBarActions() const
{
    return {m_refresh};
}

void AdministrationPage::reload()
{
    m_users->reload();
    m_groups->reload();
    m_permissions->reload();
    m_tokens->reload();
    m_credentialSets->reload();
}

} // namespace Cairn
