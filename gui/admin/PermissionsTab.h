#pragma once

#include "auth/Identity.h"
#include "auth/PermissionAdministration.h"
#include "common/ListTab.h"

class QPushButton;
class QTreeWidget;

namespace Cairn {

class CoreServices;

// Who may do what: every grant (a superuser's view) or the signed-in user's own; granting and
// revoking for superusers.
class PermissionsTab : public ListTab
{
    Q_OBJECT

public:
    PermissionsTab(CoreServices &core, const Identity &identity, QWidget *parent = nullptr);

public Q_SLOTS:
    void reload();
    void grant();
    void revoke();

private:
    CoreServices &m_core;
    Identity m_identity;
    PermissionAdministration m_administration;
    QPushButton *m_grant = nullptr;
    QPushButton *m_revoke = nullptr;
};

} // namespace Cairn
