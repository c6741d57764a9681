#include "DeviceDialog.h"

#include "AttributeText.h"
#include "CoreServices.h"
#include "common/ErrorLabel.h"
#include "common/RichText.h"
#include "common/SettingValue.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Cairn {

namespace {

const SettingValue<QSize> DialogSize(QStringLiteral("Inventory/DeviceDialog/Size"));
const QString SiteField = QStringLiteral("site_id");
const QString PortField = QStringLiteral("port");
const QString AttributesField = QStringLiteral("attributes");

// The text fields of the form, in order, as the core names them.
QList<std::pair<QString, QString>> textFields()
{
    return {
        {QStringLiteral("hostname"), DeviceDialog::tr("&Hostname:")},
        {QStringLiteral("ip_address"), DeviceDialog::tr("&IP address:")},
        {QStringLiteral("platform"), DeviceDialog::tr("&Platform:")},
        {QStringLiteral("vendor"), DeviceDialog::tr("&Vendor:")},
        {QStringLiteral("model"), DeviceDialog::tr("&Model:")},
        {QStringLiteral("serial_number"), DeviceDialog::tr("&Serial number:")},
        {QStringLiteral("description"), DeviceDialog::tr("&Description:")},
    };
}

} // namespace

DeviceDialog::DeviceDialog(CoreServices &core, const Identity &caller, std::optional<qint64> siteId,
                           QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_caller(caller)
    , m_creating(true)
{
    m_device.siteId = siteId.value_or(0);
    setWindowTitle(tr("New Device"));
    build();
    fill();
}

DeviceDialog::DeviceDialog(CoreServices &core, const Identity &caller, const Device &device,
                           QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_caller(caller)
    , m_device(device)
    , m_creating(false)
{
    setWindowTitle(tr("Edit Device %1").arg(device.hostname));
    build();
    fill();
}

DeviceDialog::~DeviceDialog()
{
    DialogSize.set(size());
}

void DeviceDialog::build()
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_errors.general());

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_site = new QComboBox(this);
    m_site->setObjectName(SiteField);
    m_site->setEnabled(m_creating);
    m_form->addRow(tr("S&ite:"), m_site);
    m_errors.add(SiteField, m_form);
    for (const auto &[field, label] : textFields())
        m_texts.insert(field, addText(field, label));
    m_port = new QSpinBox(this);
    m_port->setObjectName(PortField);
    m_port->setRange(1, 65535);
    m_form->addRow(tr("SSH p&ort:"), m_port);
    m_errors.add(PortField, m_form);
    layout->addLayout(m_form);

    auto *attributesLabel = new QLabel(tr("&Attributes:"), this);
    m_attributeTable = new QTableWidget(0, 2, this);
    m_attributeTable->setObjectName(AttributesField);
    m_attributeTable->setHorizontalHeaderLabels({tr("Attribute"), tr("Value")});
    m_attributeTable->horizontalHeader()->setStretchLastSection(true);
    m_attributeTable->verticalHeader()->hide();
    m_attributeTable->setMinimumHeight(120);
    attributesLabel->setBuddy(m_attributeTable);
    layout->addWidget(attributesLabel);
    layout->addWidget(m_attributeTable, 1);
    layout->addWidget(m_errors.add(AttributesField));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &DeviceDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DeviceDialog::reject);
    layout->addWidget(buttons);
    connect(m_site, &QComboBox::currentIndexChanged, this, &DeviceDialog::showAttributes);
    resize(DialogSize.get(QSize(460, 560)));
}

QLineEdit *DeviceDialog::addText(const QString &field, const QString &label)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(field);
    m_form->addRow(label, edit);
    m_errors.add(field, m_form);
    return edit;
}

void DeviceDialog::fill()
{
    const Result<QList<Site>> sites = m_core.sites().list();
    if (sites) {
        for (const Site &site : sites.value())
            m_site->addItem(site.name, site.id);
    }
    const int site = m_site->findData(m_device.siteId);
    m_site->setCurrentIndex(site < 0 ? 0 : site);
    const QHash<QString, QString> values{
        {QStringLiteral("hostname"), m_device.hostname},
        {QStringLiteral("ip_address"), m_device.ipAddress},
        {QStringLiteral("platform"), m_device.platform},
        {QStringLiteral("vendor"), m_device.vendor},
        {QStringLiteral("model"), m_device.model},
        {QStringLiteral("serial_number"), m_device.serialNumber},
        {QStringLiteral("description"), m_device.description},
    };
    for (auto edit = m_texts.constBegin(); edit != m_texts.constEnd(); ++edit)
        edit.value()->setText(values.value(edit.key()));
    m_port->setValue(m_device.port);
    showAttributes();
}

void DeviceDialog::showAttributes()
{
    AttributeFilter filter;
    filter.siteId = m_site->currentData().toLongLong();
    filter.resourceName = QStringLiteral("Device");
    const Result<QList<Attribute>> attributes = m_core.attributes().list(filter);
    m_attributes = attributes ? attributes.value() : QList<Attribute>();
    m_attributeTable->setRowCount(int(m_attributes.size()));
    for (int row = 0; row < int(m_attributes.size()); ++row) {
        const Attribute &attribute = m_attributes.at(row);
        auto *name = new QTableWidgetItem(attribute.required ? attribute.name + QLatin1Char('*')
                                                             : attribute.name);
        name->setFlags(Qt::ItemIsEnabled);
        QString hint = attribute.description;
        if (attribute.multi)
            hint += (hint.isEmpty() ? QString() : QStringLiteral("\n")) +
                    tr("Several values, separated by commas.");
        if (!attribute.validValues.isEmpty())
            hint += (hint.isEmpty() ? QString() : QStringLiteral("\n")) +
                    tr("One of: %1").arg(attribute.validValues.join(QStringLiteral(", ")));
        name->setToolTip(RichText::plain(hint));
        auto *value =
            new QTableWidgetItem(AttributeText::of(m_device.attributes.value(attribute.name)));
        value->setToolTip(RichText::plain(hint));
        m_attributeTable->setItem(row, 0, name);
        m_attributeTable->setItem(row, 1, value);
    }
    m_attributeTable->resizeColumnToContents(0);
}

QJsonValue DeviceDialog::attributeValue(int row) const
{
    const QString text = m_attributeTable->item(row, 1)->text().trimmed();
    const Attribute &attribute = m_attributes.at(row);
    if (text.isEmpty() && !attribute.allowEmpty)
        return QJsonValue::Null;
    if (!attribute.multi)
        return text;
    QJsonArray values;
    for (const QString &value : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        values << value.trimmed();
    return values;
}

QJsonObject DeviceDialog::fields() const
{
    QJsonObject fields;
    if (m_creating)
        fields.insert(SiteField, m_site->currentData().toLongLong());
    else
        fields.insert(QStringLiteral("id"), m_device.id);
    for (auto edit = m_texts.constBegin(); edit != m_texts.constEnd(); ++edit)
        fields.insert(edit.key(), edit.value()->text().trimmed());
    fields.insert(PortField, m_port->value());
    QJsonObject attributes;
    for (int row = 0; row < m_attributeTable->rowCount(); ++row) {
        const QJsonValue value = attributeValue(row);
        // A new device has no attribute to remove.
        if (!value.isNull() ||
            (!m_creating && m_device.attributes.contains(m_attributes.at(row).name)))
            attributes.insert(m_attributes.at(row).name, value);
    }
    fields.insert(AttributesField, attributes);
    return fields;
}

void DeviceDialog::accept()
{
    m_errors.clear();
    const QJsonArray items{fields()};
    const Result<QList<Device>> saved = m_creating
                                            ? m_core.devices().create(m_caller, items, std::nullopt)
                                            : m_core.devices().update(m_caller, items, true);
    if (!saved) {
        m_errors.show(saved.error());
        return;
    }
    m_device = saved->first();
    QDialog::accept();
}

} // namespace Cairn
