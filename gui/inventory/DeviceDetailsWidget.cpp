#include "DeviceDetailsWidget.h"

#include "AttributeText.h"
#include "CoreServices.h"
#include "common/SnapshotDiff.h"
#include "common/TimeText.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSet>
#include <QSplitter>
#include <QStackedLayout>
#include <QTabWidget>
#include <QTreeWidget>

namespace Cairn {

namespace {

const QString DeviceResource = QStringLiteral("Device");
// The history tab shows this many of the newest changes.
constexpr int HistoryShown = 500;
// Interfaces and circuits of one device: more than any device has.
constexpr int MaximumRows = 100000;

enum Tab
{
    OverviewTab,
    InterfacesTab,
    CircuitsTab,
    HistoryTab,
};

} // namespace

DeviceDetailsWidget::DeviceDetailsWidget(CoreServices &core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_tabs(new QTabWidget(this))
    , m_empty(new QLabel(tr("Select a device to see its details."), this))
    , m_overview(new QFormLayout)
    , m_interfaces(new QTreeWidget(this))
    , m_circuits(new QTreeWidget(this))
    , m_history(new QTreeWidget(this))
    , m_diff(new QPlainTextEdit(this))
{
    auto *stack = new QStackedLayout(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    stack->addWidget(m_empty);
    stack->addWidget(m_tabs);

    auto *overview = new QWidget;
    overview->setLayout(m_overview);
    m_overview->setLabelAlignment(Qt::AlignRight);
    auto *scroll = new QScrollArea;
    scroll->setWidget(overview);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(scroll, tr("Overview"));

    m_interfaces->setHeaderLabels({tr("Interface"), tr("Addresses"), tr("Description")});
    m_interfaces->setRootIsDecorated(false);
    m_interfaces->setObjectName(QStringLiteral("interfaces"));
    m_tabs->addTab(m_interfaces, tr("Interfaces"));

    m_circuits->setHeaderLabels({tr("Circuit"), tr("Here"), tr("Other end")});
    m_circuits->setRootIsDecorated(false);
    m_circuits->setObjectName(QStringLiteral("circuits"));
    m_tabs->addTab(m_circuits, tr("Circuits"));

    m_history->setHeaderLabels({tr("When"), tr("Change"), tr("By")});
    m_history->setRootIsDecorated(false);
    m_history->setObjectName(QStringLiteral("history"));
    m_diff->setReadOnly(true);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff->setPlaceholderText(tr("Select a change to see what it did."));
    auto *history = new QSplitter(Qt::Vertical);
    history->addWidget(m_history);
    history->addWidget(m_diff);
    m_tabs->addTab(history, tr("History"));

    connect(m_tabs, &QTabWidget::currentChanged, this, &DeviceDetailsWidget::loadCurrentTab);
    connect(m_history, &QTreeWidget::currentItemChanged, this, &DeviceDetailsWidget::showChange);
}

void DeviceDetailsWidget::showDevice(qint64 deviceId)
{
    m_deviceId = deviceId;
    reload();
}

void DeviceDetailsWidget::showInterface(qint64 interfaceId)
{
    m_tabs->setCurrentIndex(InterfacesTab);
    for (int row = 0; row < m_interfaces->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_interfaces->topLevelItem(row);
        if (item->data(0, Qt::UserRole).toLongLong() == interfaceId) {
            m_interfaces->setCurrentItem(item);
            m_interfaces->scrollToItem(item);
            return;
        }
    }
}

void DeviceDetailsWidget::reload()
{
    auto *stack = static_cast<QStackedLayout *>(layout());
    if (m_deviceId == 0) {
        stack->setCurrentWidget(m_empty);
        return;
    }
    stack->setCurrentWidget(m_tabs);
    InterfaceFilter interfaces;
    interfaces.deviceId = m_deviceId;
    const Result<qint64> interfaceCount = m_core.interfaces().count(interfaces);
    m_tabs->setTabText(InterfacesTab, interfaceCount
                                          ? tr("Interfaces (%1)").arg(interfaceCount.value())
                                          : tr("Interfaces"));
    CircuitFilter circuits;
    circuits.deviceId = m_deviceId;
    const Result<qint64> circuitCount = m_core.circuits().count(circuits);
    m_tabs->setTabText(CircuitsTab, circuitCount ? tr("Circuits (%1)").arg(circuitCount.value())
                                                 : tr("Circuits"));
    loadCurrentTab();
}

void DeviceDetailsWidget::loadCurrentTab()
{
    if (m_deviceId == 0)
        return;
    switch (m_tabs->currentIndex()) {
    case OverviewTab:
        showOverview();
        break;
    case InterfacesTab:
        showInterfaces();
        break;
    case CircuitsTab:
        showCircuits();
        break;
    case HistoryTab:
        showHistory();
        break;
    default:
        break;
    }
}

void DeviceDetailsWidget::showOverview()
{
    while (m_overview->rowCount() > 0)
        m_overview->removeRow(0);
    const Result<Device> device = m_core.devices().get(QString::number(m_deviceId));
    if (!device) {
        auto *error = new QLabel(device.error().message);
        error->setTextFormat(Qt::PlainText);
        m_overview->addRow(error);
        return;
    }
    const Result<Site> site = m_core.sites().get(device->siteId);
    const auto addRow = [this](const QString &label, const QString &value) {
        // An empty field says so, rather than leaving a gap the eye reads as missing.
        auto *text = new QLabel(value.isEmpty() ? QStringLiteral("—") : value);
        auto *name = new QLabel(label);
        // What operators typed, shown as typed: never interpreted as rich text.
        for (QLabel *plain : {name, text})
            plain->setTextFormat(Qt::PlainText);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        text->setWordWrap(true);
        m_overview->addRow(name, text);
    };
    addRow(tr("Hostname:"), device->hostname);
    addRow(tr("Site:"), site ? site->name : QString::number(device->siteId));
    addRow(tr("Address:"), device->ipAddress.isEmpty()
                               ? QString()
                               : tr("%1, SSH port %2").arg(device->ipAddress).arg(device->port));
    addRow(tr("Platform:"), device->platform);
    addRow(tr("Vendor:"), device->vendor);
    addRow(tr("Model:"), device->model);
    addRow(tr("OS version:"), device->osVersion);
    addRow(tr("Serial number:"), device->serialNumber);
    addRow(tr("Description:"), device->description);
    QStringList names = device->attributes.keys();
    names.sort();
    for (const QString &name : std::as_const(names))
        addRow(name + QLatin1Char(':'), AttributeText::of(device->attributes.value(name)));
    addRow(tr("Created:"), TimeText::ofMilliseconds(device->createdAt));
    addRow(tr("Updated:"), TimeText::ofMilliseconds(device->updatedAt));
}

void DeviceDetailsWidget::showInterfaces()
{
    const QTreeWidgetItem *current = m_interfaces->currentItem();
    const qint64 shown = current ? current->data(0, Qt::UserRole).toLongLong() : 0;
    m_interfaces->clear();
    InterfaceFilter filter;
    filter.deviceId = m_deviceId;
    filter.limit = MaximumRows;
    const Result<QList<Interface>> interfaces = m_core.interfaces().list(filter);
    if (!interfaces)
        return;
    for (const Interface &interface : interfaces.value()) {
        auto *item =
            new QTreeWidgetItem({interface.name, interface.addresses.join(QStringLiteral(", ")),
                                 interface.description});
        item->setData(0, Qt::UserRole, interface.id);
        m_interfaces->addTopLevelItem(item);
    }
    m_interfaces->resizeColumnToContents(0);
    if (shown != 0)
        showInterface(shown);
}

void DeviceDetailsWidget::showCircuits()
{
    m_circuits->clear();
    CircuitFilter filter;
    filter.deviceId = m_deviceId;
    filter.limit = MaximumRows;
    const Result<QList<Circuit>> circuits = m_core.circuits().list(filter);
    if (!circuits)
        return;
    // The end on this device is the one on one of its interfaces (hostnames repeat across
    // sites; interface ids do not).
    InterfaceFilter ownFilter;
    ownFilter.deviceId = m_deviceId;
    ownFilter.limit = MaximumRows;
    const Result<QList<Interface>> own = m_core.interfaces().list(ownFilter);
    QSet<qint64> here;
    for (const Interface &interface : own ? own.value() : QList<Interface>())
        here.insert(interface.id);
    for (const Circuit &circuit : circuits.value()) {
        const bool aHere = here.contains(circuit.endpointA);
        const QString hereEnd = aHere ? circuit.endpointASlug : circuit.endpointZSlug;
        const QString otherEnd = aHere ? circuit.endpointZSlug : circuit.endpointASlug;
        m_circuits->addTopLevelItem(
            new QTreeWidgetItem({circuit.name, hereEnd.section(QLatin1Char(':'), 1),
                                 otherEnd.isEmpty() ? tr("(not connected)") : otherEnd}));
    }
    m_circuits->resizeColumnToContents(0);
}

void DeviceDetailsWidget::showHistory()
{
    m_history->clear();
    m_diff->clear();
    ChangeFilter filter;
    filter.resourceName = DeviceResource;
    filter.resourceId = m_deviceId;
    filter.limit = HistoryShown;
    const Result<QList<Change>> changes = m_core.changes().list(filter);
    if (!changes)
        return;
    const QHash<QString, QString> events{{QStringLiteral("Create"), tr("Created")},
                                         {QStringLiteral("Update"), tr("Updated")},
                                         {QStringLiteral("Delete"), tr("Deleted")}};
    for (const Change &change : changes.value()) {
        auto *item =
            new QTreeWidgetItem({TimeText::ofSeconds(change.changeAt),
                                 events.value(change.event, change.event), change.userEmail});
        item->setData(0, Qt::UserRole, change.id);
        m_history->addTopLevelItem(item);
    }
    m_history->resizeColumnToContents(0);
    m_tabs->setTabText(HistoryTab, tr("History (%1)").arg(changes->size()));
}

void DeviceDetailsWidget::showChange()
{
    const QTreeWidgetItem *item = m_history->currentItem();
    if (!item) {
        m_diff->clear();
        return;
    }
    const Result<Change> change = m_core.changes().find(item->data(0, Qt::UserRole).toLongLong());
    if (!change)
        return;
    const Result<std::optional<Change>> previous = m_core.changes().previous(change.value());
    const QJsonObject before =
        previous && previous->has_value() ? previous->value().resource : QJsonObject();
    // A deletion leaves the object as it was: show it all as removed.
    const QJsonObject after =
        change->event == QLatin1String("Delete") ? QJsonObject() : change->resource;
    m_diff->setPlainText(SnapshotDiff::between(before, after));
}

} // namespace Cairn
