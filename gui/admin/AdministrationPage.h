#pragma once

#include "auth/Identity.h"

#include <QWidget>

class QAction;
class QTabWidget;

namespace Cairn {

class CoreServices;
class GroupsTab;
class PermissionsTab;
class CredentialSetsTab;
class TokensTab;
class UsersTab;

// The administration area: users, permissions, the signed-in user's API tokens, and what this
// program runs on.
class AdministrationPage : public QWidget
{
    Q_OBJECT

public:
    AdministrationPage(CoreServices &core, const Identity &identity, QWidget *parent = nullptr);

    QList<QAction *> toolBarActions() const;
    UsersTab *users() const { return m_users; }
    GroupsTab *groups() const { return m_groups; }
    PermissionsTab *permissions() const { return m_permissions; }
    TokensTab *tokens() const { return m_tokens; }
    CredentialSetsTab *credentialSets() const { return m_credentialSets; }

public Q_SLOTS:
    void reload();

private:
    QTabWidget *m_tabs;
    UsersTab *m_users;
    GroupsTab *m_groups;
    PermissionsTab *m_permissions;
    TokensTab *m_tokens;
    CredentialSetsTab *m_credentialSets;
    QAction *m_refresh;
};

} // namespace Cairn
