#include "SignInDialog.h"

#include "CoreServices.h"
#include "common/ErrorLabel.h"
#include "common/SettingValue.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace Cairn {

namespace {

const SettingValue<QString> LastUser(QStringLiteral("SignIn/User"));

} // namespace

SignInDialog::SignInDialog(CoreServices &core, const QString &databaseDescription, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_error(new ErrorLabel(this))
{
    setWindowTitle(tr("Sign In to Cairn"));
    m_username->setObjectName(QStringLiteral("username"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_username->setText(LastUser.get());
    auto *form = new QFormLayout(this);
    auto *database = new QLabel(databaseDescription, this);
    // A profile's user and database names, shown as they are.
    database->setTextFormat(Qt::PlainText);
    database->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Database:"), database);
    form->addRow(tr("&User:"), m_username);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(m_error);
    const Result<QList<User>> users = m_core.users().listUsers();
    if (users && users->isEmpty()) {
        auto *hint = new QLabel(
            tr("This database has no users yet. Create the first administrator with\n"
               "    cairn user add NAME --superuser --password-stdin\nand sign in as them."),
            this);
        hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(hint);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Sign In"));
    QPushButton *connection = buttons->addButton(tr("C&onnection…"), QDialogButtonBox::ResetRole);
    connection->setObjectName(QStringLiteral("changeConnection"));
    connection->setToolTip(tr("Work on another database: this computer's, or a PostgreSQL "
                              "server"));
    connect(connection, &QPushButton::clicked, this, [this] { done(ChangeConnection); });
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    form->addRow(buttons);
    if (!m_username->text().isEmpty())
        m_password->setFocus();
}

void SignInDialog::accept()
{
    m_error->clearError();
    const Result<User> user =
        m_core.users().verifyPassword(m_username->text().trimmed(), m_password->text());
    if (!user) {
        m_error->showError(user.error().code == ErrorCode::Unauthorized
                               ? tr("The user name or password is wrong.")
                               : user.error().message);
        m_password->selectAll();
        m_password->setFocus();
        return;
    }
    m_identity = Identity{user.value(), false};
    LastUser.set(user->username);
    QDialog::accept();
}

} // namespace Cairn
