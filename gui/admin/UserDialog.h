#pragma once

#include "auth/Identity.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;

namespace Cairn {

class CoreServices;
class ErrorLabel;

// A new user (name, email, password typed twice, administrator or not), or a new password
// for an existing one; the core's rules decide what is acceptable.
class UserDialog : public QDialog
{
    Q_OBJECT

public:
    // A new user.
    UserDialog(CoreServices &core, const Identity &caller, QWidget *parent = nullptr);
    // A new password for the user `userId` (shown by `username`).
    UserDialog(CoreServices &core, const Identity &caller, const QString &userId,
               const QString &username, QWidget *parent = nullptr);

public Q_SLOTS:
    void accept() override;

private:
    void build();

    CoreServices &m_core;
    Identity m_caller;
    // The user whose password is set, by id; empty for a new user.
    QString m_existing;
    QLineEdit *m_username;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLineEdit *m_confirm;
    QCheckBox *m_superuser;
    ErrorLabel *m_error;
};

} // namespace Cairn
