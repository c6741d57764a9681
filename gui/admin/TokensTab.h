#pragma once

#include "auth/Identity.h"

#include <QWidget>

class QPushButton;
class QTreeWidget;

namespace Cairn {

class CoreServices;

// The signed-in user's API tokens: which exist (by the first characters of their key, never
// the key), what they may do, when they were last used; new ones, and revoking.
class TokensTab : public QWidget
{
    Q_OBJECT

public:
    TokensTab(CoreServices &core, const Identity &identity, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }

public Q_SLOTS:
    void reload();
    void newToken();
    void revoke();

private:
    CoreServices &m_core;
    Identity m_identity;
    QTreeWidget *m_list;
    QPushButton *m_new;
    QPushButton *m_revoke;
};

} // namespace Cairn
