#pragma once

#include "auth/Identity.h"

#include <QDialog>

class QLineEdit;

namespace Cairn {

class CoreServices;
class ErrorLabel;

// Who is at the desktop: a Cairn user and password, checked by the core as the API checks
// them, so the window offers what that user may do and the core refuses the rest.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    // What exec() answers when the operator asks to connect to another database.
    static constexpr int ChangeConnection = 2;

    SignInDialog(CoreServices &core, const QString &databaseDescription, QWidget *parent = nullptr);

    const Identity &identity() const { return m_identity; }

public Q_SLOTS:
    void accept() override;

private:
    CoreServices &m_core;
    Identity m_identity;
    QLineEdit *m_username;
    QLineEdit *m_password;
    ErrorLabel *m_error;
};

} // namespace Cairn
