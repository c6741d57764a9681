#pragma once

#include "auth/Identity.h"
#include "inventory/Network.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QListWidget;
class QSpinBox;

namespace Cairn {

class CoreServices;
class ErrorLabel;

// The next free networks of a prefix length, or the next free addresses, inside a network:
// shown as the operator changes the question, and allocated or reserved on Allocate, all or
// none (the same search and write as NSoT's next_network and next_address with POST).
class NextFreeDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Kind
    {
        Networks,
        Addresses,
    };

    NextFreeDialog(CoreServices &core, const Identity &caller, const Network &parent, Kind kind,
                   QWidget *parent_ = nullptr);

    // What Allocate made.
    const QList<Network> &allocated() const { return m_allocated; }

public Q_SLOTS:
    void accept() override;
    // Shows what Allocate would take now.
    void propose();

private:
    int prefixLength() const;

    CoreServices &m_core;
    Identity m_caller;
    Network m_parent;
    Kind m_kind;
    QSpinBox *m_prefix;
    QSpinBox *m_count;
    QCheckBox *m_strict;
    QComboBox *m_state;
    QListWidget *m_proposed;
    ErrorLabel *m_error;
    QList<Network> m_allocated;
};

} // namespace Cairn
