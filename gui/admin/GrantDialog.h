#pragma once

#include "auth/Identity.h"

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace Cairn {

class CoreServices;
class PermissionAdministration;
class ErrorLabel;

// Grants an action to a user or a group, on every object of a type or on one of them.
class GrantDialog : public QDialog
{
    Q_OBJECT

public:
    // Grants through `administration`, the rules every face grants by.
    GrantDialog(CoreServices &core, PermissionAdministration &administration,
                const Identity &caller, QWidget *parent = nullptr);

public Q_SLOTS:
    void accept() override;

private:
    CoreServices &m_core;
    PermissionAdministration &m_administration;
    Identity m_caller;
    QComboBox *m_holder;
    QComboBox *m_action;
    QComboBox *m_type;
    QLineEdit *m_object;
    ErrorLabel *m_error;
};

} // namespace Cairn
