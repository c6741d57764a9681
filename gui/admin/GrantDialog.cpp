#include "GrantDialog.h"

#include "CoreServices.h"
#include "PermissionTypes.h"
#include "auth/PermissionAdministration.h"
#include "common/ErrorLabel.h"
#include "common/ErrorMessage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>

namespace Cairn {

GrantDialog::GrantDialog(CoreServices &core, PermissionAdministration &administration,
                         const Identity &caller, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_administration(administration)
    , m_caller(caller)
    , m_holder(new QComboBox(this))
    , m_action(new QComboBox(this))
    , m_type(new QComboBox(this))
    , m_object(new QLineEdit(this))
    , m_error(new ErrorLabel(this))
{
    setWindowTitle(tr("Grant Permission"));
    m_holder->setObjectName(QStringLiteral("holder"));
    m_action->setObjectName(QStringLiteral("action"));
    m_type->setObjectName(QStringLiteral("objectType"));
    m_object->setObjectName(QStringLiteral("objectId"));
    m_error->setObjectName(QStringLiteral("error"));
    // Data: the JSON fields the core's grant takes for the holder.
    const Result<QList<User>> users = m_core.users().listUsers();
    for (const User &user : users ? users.value() : QList<User>())
        m_holder->addItem(QIcon::fromTheme(QStringLiteral("avatar-default")), user.username,
                          QJsonObject{{QStringLiteral("user_id"), user.id}});
    const Result<QList<Group>> groups = m_core.groups().list();
    for (const Group &group : groups ? groups.value() : QList<Group>())
        m_holder->addItem(QIcon::fromTheme(QStringLiteral("system-users")),
                          tr("%1 (group)").arg(group.name),
                          QJsonObject{{QStringLiteral("group_id"), group.id}});
    m_action->addItems(actionNames());
    m_type->addItems(PermissionTypes::names());
    m_object->setPlaceholderText(tr("Empty: every object of the type"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("&To:"), m_holder);
    form->addRow(tr("&Action:"), m_action);
    form->addRow(tr("&Object type:"), m_type);
    form->addRow(tr("Object &id:"), m_object);
    form->addRow(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &GrantDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &GrantDialog::reject);
    form->addRow(buttons);
    resize(420, sizeHint().height());
}

void GrantDialog::accept()
{
    m_error->clearError();
    QJsonObject fields = m_holder->currentData().toJsonObject();
    fields.insert(QStringLiteral("action"), m_action->currentText());
    fields.insert(QStringLiteral("object_type"), m_type->currentText());
    const QString object = m_object->text().trimmed();
    if (!object.isEmpty()) {
        bool numeric = false;
        const qint64 id = object.toLongLong(&numeric);
        if (!numeric || id <= 0) {
            m_error->showError(tr("An object id is a positive whole number."));
            return;
        }
        fields.insert(QStringLiteral("object_id"), id);
    }
    const Result<Permission> granted = m_administration.grant(m_caller, fields);
    if (!granted) {
        m_error->showError(ErrorMessage::describe(granted.error()));
        return;
    }
    QDialog::accept();
}

} // namespace Cairn
