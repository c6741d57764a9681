#include "BulkAttributeDialog.h"

#include "CoreServices.h"
#include "common/ErrorLabel.h"
#include "common/ErrorMessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>

namespace Cairn {

BulkAttributeDialog::BulkAttributeDialog(CoreServices &core, const Identity &caller,
                                         const QList<qint64> &deviceIds, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_caller(caller)
    , m_deviceIds(deviceIds)
    , m_name(new QComboBox(this))
    , m_value(new QLineEdit(this))
    , m_remove(new QCheckBox(tr("&Remove the attribute from these devices"), this))
    , m_error(new ErrorLabel(this))
{
    setWindowTitle(tr("Set Attribute on %n Device(s)", nullptr, int(deviceIds.size())));
    m_name->setObjectName(QStringLiteral("name"));
    m_value->setObjectName(QStringLiteral("value"));
    m_error->setObjectName(QStringLiteral("error"));
    m_name->setEditable(true);
    AttributeFilter filter;
    filter.resourceName = QStringLiteral("Device");
    const Result<QList<Attribute>> attributes = m_core.attributes().list(filter);
    QStringList names;
    if (attributes) {
        for (const Attribute &attribute : attributes.value())
            names << attribute.name;
    }
    names.removeDuplicates();
    names.sort();
    m_name->addItems(names);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Attribute:"), m_name);
    form->addRow(tr("&Value:"), m_value);
    form->addRow(QString(), m_remove);
    form->addRow(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &BulkAttributeDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &BulkAttributeDialog::reject);
    connect(m_remove, &QCheckBox::toggled, m_value, &QWidget::setDisabled);
    form->addRow(buttons);
    resize(420, sizeHint().height());
}

void BulkAttributeDialog::accept()
{
    const QString name = m_name->currentText().trimmed();
    const QJsonValue value =
        m_remove->isChecked() ? QJsonValue(QJsonValue::Null) : QJsonValue(m_value->text());
    QJsonArray items;
    for (const qint64 id : std::as_const(m_deviceIds))
        items << QJsonObject{{QStringLiteral("id"), id},
                             {QStringLiteral("attributes"), QJsonObject{{name, value}}}};
    const Result<QList<Device>> saved = m_core.devices().update(m_caller, items, true);
    if (!saved) {
        m_error->showError(ErrorMessage::describe(saved.error()));
        return;
    }
    QDialog::accept();
}

} // namespace Cairn
