#pragma once

#include "auth/Identity.h"
#include "common/ListTab.h"

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Cairn {

class CoreServices;

// Groups and their members: grants to a group reach every member. Making and deleting groups
// and changing members needs admin on groups.
class GroupsTab : public ListTab
{
    Q_OBJECT

public:
    GroupsTab(CoreServices &core, const Identity &identity, QWidget *parent = nullptr);

public Q_SLOTS:
    void reload();
    // Each takes what it needs from the operator, or the given text (tests, scripts).
    void addGroup(const QString &name = {});
    void deleteGroup();
    void addMember(const QString &username = {});
    void removeMember();

private:
    // The group row of the current item (itself, or a member's parent).
    QTreeWidgetItem *currentGroup() const;
    void act(const QString &action, const QString &username);
    void updateButtons();

    CoreServices &m_core;
    Identity m_identity;
    bool m_administers = false;
    QPushButton *m_add = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_addMember = nullptr;
    QPushButton *m_removeMember = nullptr;
};

} // namespace Cairn
