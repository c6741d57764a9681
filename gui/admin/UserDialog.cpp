#include "UserDialog.h"

#include "CoreServices.h"
#include "common/ErrorLabel.h"
#include "common/ErrorMessage.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>

namespace Cairn {

UserDialog::UserDialog(CoreServices &core, const Identity &caller, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_caller(caller)
{
    setWindowTitle(tr("New User"));
    build();
}

UserDialog::UserDialog(CoreServices &core, const Identity &caller, const QString &userId,
                       const QString &username, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_caller(caller)
    , m_existing(userId)
{
    setWindowTitle(tr("Set the Password of %1").arg(username));
    build();
}

void UserDialog::build()
{
    m_username = new QLineEdit(this);
    m_email = new QLineEdit(this);
    m_password = new QLineEdit(this);
    m_confirm = new QLineEdit(this);
    m_superuser = new QCheckBox(tr("&Administrator: may do everything"), this);
    m_error = new ErrorLabel(this);
    m_username->setObjectName(QStringLiteral("username"));
    m_email->setObjectName(QStringLiteral("email"));
    m_password->setObjectName(QStringLiteral("password"));
    m_confirm->setObjectName(QStringLiteral("confirm"));
    m_superuser->setObjectName(QStringLiteral("superuser"));
    m_error->setObjectName(QStringLiteral("error"));
    for (QLineEdit *secret : {m_password, m_confirm})
        secret->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout(this);
    if (m_existing.isEmpty()) {
        form->addRow(tr("&User name:"), m_username);
        form->addRow(tr("&Email:"), m_email);
    } else {
        m_username->hide();
        m_email->hide();
        m_superuser->hide();
    }
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Confirm:"), m_confirm);
    if (m_existing.isEmpty())
        form->addRow(QString(), m_superuser);
    form->addRow(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &UserDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &UserDialog::reject);
    form->addRow(buttons);
    resize(420, sizeHint().height());
}

void UserDialog::accept()
{
    m_error->clearError();
    if (m_password->text() != m_confirm->text()) {
        m_error->showError(tr("The two passwords differ."));
        return;
    }
    const Result<User> saved =
        m_existing.isEmpty()
            ? m_core.accounts().createUser(
                  m_caller, NewUser{m_username->text().trimmed(), m_password->text(),
                                    m_email->text().trimmed(), m_superuser->isChecked()})
            : m_core.accounts().actOnUser(m_caller, m_existing, QStringLiteral("set_password"),
                                          m_password->text());
    if (!saved) {
        m_error->showError(ErrorMessage::describe(saved.error()));
        return;
    }
    QDialog::accept();
}

} // namespace Cairn
