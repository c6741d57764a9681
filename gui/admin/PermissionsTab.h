#pragma once

#include "auth/Identity.h"

#include <QWidget>

class QPushButton;
class QTreeWidget;

namespace Cairn {

class CoreServices;

// Who may do what: every grant (a superuser's view) or the signed-in user's own; granting and
// revoking for superusers.
class PermissionsTab : public QWidget
{
    Q_OBJECT

public:
    PermissionsTab(CoreServices &core, const Identity &identity, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }

public Q_SLOTS:
    void reload();
    void grant();
    void revoke();

private:
    CoreServices &m_core;
    Identity m_identity;
    QTreeWidget *m_list;
    QPushButton *m_grant;
    QPushButton *m_revoke;
};

} // namespace Cairn
