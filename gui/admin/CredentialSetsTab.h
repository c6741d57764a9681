#pragma once

#include "auth/Identity.h"
#include "common/ListTab.h"
#include "toolkit/CredentialSet.h"

class QPushButton;

namespace Cairn {

class CoreServices;

// Device credential sets: the user's own (a superuser sees everyone's, to delete them), what
// each holds (never a secret), where it may be used and when it last was; new ones, edits by
// their owner, deleting.
class CredentialSetsTab : public ListTab
{
    Q_OBJECT

public:
    CredentialSetsTab(CoreServices &core, const Identity &identity, QWidget *parent = nullptr);

public Q_SLOTS:
    void reload();
    void newSet();
    void editSet();
    void deleteSet();

private:
    std::optional<CredentialSet> currentSet() const;
    void updateButtons();

    CoreServices &m_core;
    Identity m_identity;
    QList<CredentialSet> m_sets;
    QPushButton *m_new = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
};

} // namespace Cairn
