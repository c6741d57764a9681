#include "AttributeDialog.h"

#include "CoreServices.h"
#include "common/ErrorLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace Cairn {

namespace {

const QString ConstraintsField = QStringLiteral("constraints");

} // namespace

AttributeDialog::AttributeDialog(CoreServices &core, const Identity &caller, qint64 siteId,
                                 const std::optional<Attribute> &existing, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_caller(caller)
    , m_siteId(siteId)
    , m_existing(existing)
    , m_resource(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_description(new QLineEdit(this))
    , m_required(new QCheckBox(tr("Re&quired: every resource of this type has it"), this))
    , m_display(new QCheckBox(tr("&Shown in lists"), this))
    , m_multi(new QCheckBox(tr("A &list of values"), this))
    , m_allowEmpty(new QCheckBox(tr("May be &empty"), this))
    , m_pattern(new QLineEdit(this))
    , m_validValues(new QPlainTextEdit(this))
{
    setWindowTitle(existing ? tr("Edit Attribute %1").arg(existing->name) : tr("New Attribute"));
    m_resource->setObjectName(QStringLiteral("resource_name"));
    m_name->setObjectName(QStringLiteral("name"));
    m_description->setObjectName(QStringLiteral("description"));
    m_required->setObjectName(QStringLiteral("required"));
    m_display->setObjectName(QStringLiteral("display"));
    m_multi->setObjectName(QStringLiteral("multi"));
    m_allowEmpty->setObjectName(QStringLiteral("allow_empty"));
    m_pattern->setObjectName(QStringLiteral("pattern"));
    m_validValues->setObjectName(QStringLiteral("valid_values"));
    for (const QString &resource : Attribute::ResourceNames)
        m_resource->addItem(resource);
    m_pattern->setPlaceholderText(tr("A regular expression values must match from the start"));
    m_validValues->setPlaceholderText(tr("One allowed value per line; empty allows any"));
    m_validValues->setFixedHeight(m_validValues->fontMetrics().lineSpacing() * 5 + 12);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_errors.general());
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Resource:"), m_resource);
    m_errors.add(QStringLiteral("resource_name"), form);
    form->addRow(tr("&Name:"), m_name);
    m_errors.add(QStringLiteral("name"), form);
    form->addRow(tr("&Description:"), m_description);
    m_errors.add(QStringLiteral("description"), form);
    form->addRow(QString(), m_required);
    form->addRow(QString(), m_display);
    form->addRow(QString(), m_multi);
    layout->addLayout(form);
    auto *constraints = new QGroupBox(tr("Constraints on every value"), this);
    auto *constraintsForm = new QFormLayout(constraints);
    constraintsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    constraintsForm->addRow(QString(), m_allowEmpty);
    constraintsForm->addRow(tr("&Pattern:"), m_pattern);
    constraintsForm->addRow(tr("&Valid values:"), m_validValues);
    m_errors.add(ConstraintsField, constraintsForm);
    layout->addWidget(constraints);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &AttributeDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AttributeDialog::reject);
    layout->addWidget(buttons);
    connect(m_pattern, &QLineEdit::textChanged, this, &AttributeDialog::checkPattern);
    // A required attribute is always shown (the core says so too).
    connect(m_required, &QCheckBox::toggled, this, [this](bool required) {
        if (required)
            m_display->setChecked(true);
        m_display->setEnabled(!required);
    });

    if (existing) {
        // What NSoT never changes after creation.
        m_resource->setCurrentText(existing->resourceName);
        m_resource->setEnabled(false);
        m_name->setText(existing->name);
        m_name->setReadOnly(true);
        m_description->setText(existing->description);
        m_required->setChecked(existing->required);
        m_display->setChecked(existing->display);
        m_multi->setChecked(existing->multi);
        m_allowEmpty->setChecked(existing->allowEmpty);
        m_pattern->setText(existing->pattern);
        m_validValues->setPlainText(existing->validValues.join(QLatin1Char('\n')));
    }
    resize(480, sizeHint().height());
}

void AttributeDialog::checkPattern()
{
    const QRegularExpression pattern(m_pattern->text());
    // Only the constraints' complaint: the core's about other fields stays.
    findChild<ErrorLabel *>(ConstraintsField + QStringLiteral("Error"))->clearError();
    if (!m_pattern->text().isEmpty() && !pattern.isValid())
        m_errors.show(Error::invalidField(
            ConstraintsField,
            tr("The pattern is not a regular expression: %1").arg(pattern.errorString())));
}

QJsonObject AttributeDialog::fields() const
{
    QJsonArray validValues;
    const QStringList lines = m_validValues->toPlainText().split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty())
            validValues << line.trimmed();
    }
    QJsonObject fields{
        {QStringLiteral("description"), m_description->text()},
        {QStringLiteral("required"), m_required->isChecked()},
        {QStringLiteral("display"), m_display->isChecked()},
        {QStringLiteral("multi"), m_multi->isChecked()},
        {ConstraintsField, QJsonObject{{QStringLiteral("allow_empty"), m_allowEmpty->isChecked()},
                                       {QStringLiteral("pattern"), m_pattern->text()},
                                       {QStringLiteral("valid_values"), validValues}}}};
    if (m_existing) {
        fields.insert(QStringLiteral("id"), m_existing->id);
    } else {
        fields.insert(QStringLiteral("name"), m_name->text().trimmed());
        fields.insert(QStringLiteral("resource_name"), m_resource->currentText());
        fields.insert(QStringLiteral("site_id"), m_siteId);
    }
    return fields;
}

void AttributeDialog::accept()
{
    m_errors.clear();
    const Result<QList<Attribute>> saved =
        m_existing ? m_core.attributes().update(m_caller, QJsonArray{fields()}, true)
                   : m_core.attributes().create(m_caller, QJsonArray{fields()});
    if (!saved) {
        m_errors.show(saved.error());
        return;
    }
    QDialog::accept();
}

} // namespace Cairn
