#pragma once

#include "auth/Identity.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QDialogButtonBox;
class QSpinBox;
class QStackedWidget;

namespace Cairn {

class CoreServices;
class ErrorLabel;
class ShownOnceKey;

// Makes an API token for the signed-in user, then shows its key this once, already on the
// clipboard: only its hash is stored, so nobody can show it again.
class NewTokenDialog : public QDialog
{
    Q_OBJECT

public:
    NewTokenDialog(CoreServices &core, const Identity &caller, QWidget *parent = nullptr);

    // The key, once made (empty before).
    QString key() const;

public Q_SLOTS:
    // First press makes the token and shows its key; the second closes.
    void accept() override;

private:
    CoreServices &m_core;
    Identity m_caller;
    QStackedWidget *m_steps;
    QLineEdit *m_description;
    QCheckBox *m_readOnly;
    QSpinBox *m_expiresDays;
    ShownOnceKey *m_key;
    QDialogButtonBox *m_buttons;
    ErrorLabel *m_error;
};

} // namespace Cairn
