#pragma once

#include "auth/Identity.h"
#include "common/ListTab.h"

class QPushButton;
class QTreeWidget;

namespace Cairn {

class CoreServices;

// The users the signed-in user may see, with their groups; adding users, setting passwords
// and deleting, as far as their rights on users go.
class UsersTab : public ListTab
{
    Q_OBJECT

public:
    UsersTab(CoreServices &core, const Identity &identity, QWidget *parent = nullptr);

public Q_SLOTS:
    void reload();
    void addUser();
    void setPassword();
    void deleteUser();

private:
    QString currentUsername() const;
    // As the core takes it (an id, as text).
    QString currentUserId() const;
    void updateButtons();

    CoreServices &m_core;
    Identity m_identity;
    QPushButton *m_add = nullptr;
    QPushButton *m_password = nullptr;
    QPushButton *m_delete = nullptr;
};

} // namespace Cairn
