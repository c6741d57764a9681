#pragma once

#include "auth/Identity.h"

#include <QWidget>

class QPushButton;
class QTreeWidget;

namespace Cairn {

class CoreServices;

// The users the signed-in user may see, with their groups; adding users, setting passwords
// and deleting, as far as their rights on users go.
class UsersTab : public QWidget
{
    Q_OBJECT

public:
    UsersTab(CoreServices &core, const Identity &identity, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }

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
    QTreeWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_password;
    QPushButton *m_delete;
};

} // namespace Cairn
