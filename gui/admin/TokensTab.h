#pragma once

#include "auth/Identity.h"
#include "common/ListTab.h"

class QPushButton;
class QTreeWidget;

namespace Cairn {

class CoreServices;

// The signed-in user's API tokens: which exist (by the first characters of their key, never
// the key), what they may do, when they were last used; new ones, and revoking.
class TokensTab : public ListTab
{
    Q_OBJECT

public:
    TokensTab(CoreServices &core, const Identity &identity, QWidget *parent = nullptr);

public Q_SLOTS:
    void reload();
    void newToken();
    void revoke();

private:
    CoreServices &m_core;
    Identity m_identity;
    QPushButton *m_new = nullptr;
    QPushButton *m_revoke = nullptr;
};

} // namespace Cairn
