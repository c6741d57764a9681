#include "AssignAddressDialog.h"

#include "CoreServices.h"
#include "common/ErrorLabel.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>

namespace Cairn {

namespace {

// Hostnames offered as the device is typed.
constexpr int HostnamesOffered = 50;
// A device's interfaces listed; no device has more.
constexpr int MaximumInterfaces = 100000;

const QString AddressField = QStringLiteral("addresses");
const QString DeviceField = QStringLiteral("device");
const QString InterfaceField = QStringLiteral("interface");

} // namespace

AssignAddressDialog::AssignAddressDialog(CoreServices &core, const Identity &caller, qint64 siteId,
                                         const QString &address, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_caller(caller)
    , m_siteId(siteId)
    , m_address(new QLineEdit(address, this))
    , m_device(new QLineEdit(this))
    , m_hostnames(new QStringListModel(this))
    , m_interface(new QComboBox(this))
    , m_errors(this)
{
    setWindowTitle(tr("Assign Address to Interface"));
    m_address->setObjectName(AddressField);
    m_address->setPlaceholderText(tr("10.20.0.5/32 or 2001:db8::5/128"));
    m_device->setObjectName(DeviceField);
    m_device->setPlaceholderText(tr("Hostname"));
    m_interface->setObjectName(InterfaceField);
    m_interface->setEnabled(false);
    auto *completer = new QCompleter(m_hostnames, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_device->setCompleter(completer);

    auto *form = new QFormLayout(this);
    form->addRow(m_errors.general());
    form->addRow(tr("&Address:"), m_address);
    m_errors.add(AddressField, form);
    form->addRow(tr("&Device:"), m_device);
    m_errors.add(DeviceField, form);
    form->addRow(tr("&Interface:"), m_interface);
    m_errors.add(InterfaceField, form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Assign"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AssignAddressDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AssignAddressDialog::reject);
    form->addRow(buttons);

    connect(m_device, &QLineEdit::textEdited, this, &AssignAddressDialog::offerHostnames);
    connect(m_device, &QLineEdit::textChanged, this, [this] {
        m_errors.clear();
        listInterfaces();
    });
    m_device->setFocus();
    resize(440, sizeHint().height());
}

void AssignAddressDialog::offerHostnames(const QString &typed)
{
    DeviceFilter filter;
    filter.siteId = m_siteId;
    filter.order = DeviceOrder::Hostname;
    filter.limit = HostnamesOffered;
    filter.textMatches = {
        {QStringLiteral("hostname"), typed.trimmed(), DeviceFilter::TextMatch::Kind::Contains}};
    const Result<QList<Device>> devices = m_core.devices().list(filter);
    QStringList hostnames;
    for (const Device &device : devices ? devices.value() : QList<Device>())
        hostnames << device.hostname;
    m_hostnames->setStringList(hostnames);
}

bool AssignAddressDialog::listInterfaces()
{
    m_interface->clear();
    m_deviceId = 0;
    const QString hostname = m_device->text().trimmed();
    DeviceFilter byName;
    byName.siteId = m_siteId;
    byName.hostnames = QStringList{hostname};
    const Result<QList<Device>> devices =
        hostname.isEmpty() ? QList<Device>() : m_core.devices().list(byName);
    m_interface->setEnabled(devices && !devices->isEmpty());
    if (!m_interface->isEnabled())
        return false;
    m_deviceId = devices->first().id;
    InterfaceFilter filter;
    filter.deviceId = m_deviceId;
    filter.limit = MaximumInterfaces;
    const Result<QList<Interface>> interfaces = m_core.interfaces().list(filter);
    for (const Interface &interface : interfaces ? interfaces.value() : QList<Interface>()) {
        const QString shown =
            interface.addresses.isEmpty()
                ? interface.name
                : QStringLiteral("%1 (%2)").arg(interface.name,
                                                interface.addresses.join(QStringLiteral(", ")));
        m_interface->addItem(shown, interface.id);
    }
    return true;
}

Result<void> AssignAddressDialog::assign()
{
    const QString address = m_address->text().trimmed();
    if (address.isEmpty())
        return Error::invalidField(AddressField, tr("Type the address to assign."));
    if (m_deviceId == 0)
        return Error::invalidField(DeviceField, tr("No device of this site has that name."));
    if (m_interface->currentIndex() < 0)
        return Error::invalidField(InterfaceField, tr("The device has no interface yet."));
    // Added to what the interface has when it is saved, not to what this dialog read.
    const Result<Interface> assigned =
        m_core.interfaces().addAddress(m_caller, m_interface->currentData().toLongLong(), address);
    if (!assigned)
        return assigned.error();
    return {};
}

void AssignAddressDialog::accept()
{
    m_errors.clear();
    const Result<void> assigned = assign();
    if (!assigned) {
        m_errors.show(assigned.error());
        return;
    }
    QDialog::accept();
}

} // namespace Cairn
