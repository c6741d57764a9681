#include "InventoryPage.h"

#include "AttributeDefinitionsDialog.h"
#include "BulkAttributeDialog.h"
#include "CoreServices.h"
#include "DeviceDetailsWidget.h"
#include "DeviceDialog.h"
#include "DeviceListModel.h"
#include "DeviceListView.h"
#include "InventoryTreeModel.h"
#include "InventoryTreeView.h"
#include "common/CoreEvents.h"
#include "common/DeviceSearchBox.h"
#include "common/ErrorMessage.h"
#include "common/SettingValue.h"
#include "common/SiteRights.h"

#include <QAction>
#include <QMessageBox>
#include <QSplitter>
#include <QVBoxLayout>

namespace Cairn {

namespace {

const SettingValue<QByteArray> SplitterState(QStringLiteral("Inventory/Splitter"));

} // namespace

InventoryPage::InventoryPage(CoreServices &core, const Identity &identity, CoreEvents &events,
                             QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_identity(identity)
    , m_rights(core, identity)
    , m_events(events)
    , m_tree(new InventoryTreeView(core, this))
    , m_search(new DeviceSearchBox(core.devices(), this))
    , m_devices(new DeviceListView(core.devices(), core.sites(), this))
    , m_details(new DeviceDetailsWidget(core, this))
    , m_splitter(new QSplitter(this))
    , m_new(new QAction(QIcon::fromTheme(QStringLiteral("list-add")), tr("&New Device…"), this))
    , m_edit(
          new QAction(QIcon::fromTheme(QStringLiteral("document-edit"),
                                       QIcon::fromTheme(QStringLiteral("accessories-text-editor"))),
                      tr("&Edit Device…"), this))
    , m_delete(
          new QAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete Devices"), this))
    , m_setAttribute(new QAction(QIcon::fromTheme(QStringLiteral("document-properties")),
                                 tr("Set &Attribute…"), this))
    , m_attributeDefinitions(new QAction(QIcon::fromTheme(QStringLiteral("document-properties")),
                                         tr("Attribute De&finitions…"), this))
    , m_refresh(new QAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Refresh"), this))
{
    auto *devices = new QWidget(this);
    auto *devicesLayout = new QVBoxLayout(devices);
    devicesLayout->setContentsMargins(0, 0, 0, 0);
    devicesLayout->addWidget(m_search);
    devicesLayout->addWidget(m_devices);
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(devices);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(1, 1);
    if (!m_splitter->restoreState(SplitterState.get()))
        m_splitter->setSizes({190, 520, 390});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    m_new->setObjectName(QStringLiteral("newDevice"));
    m_edit->setObjectName(QStringLiteral("editDevice"));
    m_delete->setObjectName(QStringLiteral("deleteDevices"));
    m_setAttribute->setObjectName(QStringLiteral("setAttribute"));
    m_attributeDefinitions->setObjectName(QStringLiteral("attributeDefinitions"));
    m_attributeDefinitions->setToolTip(tr("What the current site's devices, networks, "
                                          "interfaces and circuits may carry, and the rules"));
    m_refresh->setObjectName(QStringLiteral("refresh"));
    m_new->setShortcut(QKeySequence::New);
    m_edit->setShortcut(Qt::CTRL | Qt::Key_E);
    m_delete->setShortcut(QKeySequence::Delete);
    m_setAttribute->setShortcut(Qt::CTRL | Qt::Key_B);
    m_attributeDefinitions->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_A);
    m_refresh->setShortcut(QKeySequence::Refresh);
    for (QAction *action : toolBarActions())
        addAction(action);
    connect(m_new, &QAction::triggered, this, &InventoryPage::newDevice);
    connect(m_edit, &QAction::triggered, this, &InventoryPage::editDevice);
    connect(m_delete, &QAction::triggered, this, &InventoryPage::deleteDevices);
    connect(m_setAttribute, &QAction::triggered, this, &InventoryPage::setAttribute);
    connect(m_attributeDefinitions, &QAction::triggered, this,
            &InventoryPage::showAttributeDefinitions);
    connect(m_refresh, &QAction::triggered, this, &InventoryPage::reload);
    connect(m_devices, &QAbstractItemView::activated, this, &InventoryPage::editDevice);
    connect(m_devices, &DeviceListView::currentDeviceChanged, m_details,
            &DeviceDetailsWidget::showDevice);
    connect(m_devices, &DeviceListView::selectedDevicesChanged, this,
            &InventoryPage::updateActions);
    connect(m_devices, &DeviceListView::currentDeviceChanged, this, &InventoryPage::updateActions);
    connect(m_devices->deviceModel(), &DeviceListModel::loadFailed, this,
            [this](const Error &error) { m_search->showError(error.message); });
    connect(m_tree, &InventoryTreeView::currentSiteChanged, this, [this] {
        applyFilter();
        updateActions();
    });
    connect(m_tree, &InventoryTreeView::deviceChosen, this, &InventoryPage::showDevice);
    connect(m_tree->treeModel(), &InventoryTreeModel::loadFailed, this,
            [this](const Error &error) { m_search->showError(error.message); });
    connect(m_search, &DeviceSearchBox::searchRequested, this, &InventoryPage::applyFilter);
    connect(&m_events, &CoreEvents::inventoryChanged, this, &InventoryPage::reload);

    applyFilter();
    updateActions();
}

InventoryPage::~InventoryPage()
{
    SplitterState.set(m_splitter->saveState());
}

QList<QAction *> InventoryPage::toolBarActions() const
{
    return {m_new, m_edit, m_delete, m_setAttribute, m_attributeDefinitions, m_refresh};
}

void InventoryPage::reload()
{
    m_tree->reload();
    applyFilter();
    m_details->reload();
}

void InventoryPage::search(const QString &text)
{
    m_search->setText(text);
    // "All sites" first, when offered: the search is everywhere.
    if (m_tree->currentSite()) {
        const QSignalBlocker sites(m_tree);
        m_tree->selectAllSites();
    }
    applyFilter();
    updateActions();
}

void InventoryPage::showAttributeDefinitions()
{
    const std::optional<qint64> site = m_tree->currentSite();
    if (!site)
        return;
    AttributeDefinitionsDialog dialog(m_core, m_identity, *site, m_tree->currentSiteName(), this);
    dialog.exec();
    // Definitions decide what the device dialogs offer.
    reload();
}

void InventoryPage::showDevice(qint64 deviceId, qint64 interfaceId)
{
    // In the table when the filter shows it; its details in any case.
    m_devices->selectDevice(deviceId);
    m_details->showDevice(deviceId);
    if (interfaceId != 0)
        m_details->showInterface(interfaceId);
    updateActions();
}

void InventoryPage::applyFilter()
{
    m_devices->setFilter(m_search->filter(m_tree->currentSite()));
}

void InventoryPage::updateActions()
{
    // The core checks every device's site; the actions follow the current one (or the first
    // selected), which is what the operator looks at.
    const QList<qint64> selected = m_devices->selectedDeviceIds();
    qint64 shown = m_devices->currentDeviceId();
    if (shown == 0 && !selected.isEmpty())
        shown = selected.first();
    std::optional<qint64> deviceSite;
    if (shown != 0) {
        const Result<Device> device = m_core.devices().get(QString::number(shown));
        if (device)
            deviceSite = device->siteId;
    }
    const bool anySelected = !selected.isEmpty();
    m_new->setEnabled(m_rights.may(m_tree->currentSite(), Action::Add));
    // Every signed-in user may read a site's definitions; the dialog enables what they may do.
    m_attributeDefinitions->setEnabled(m_tree->currentSite().has_value());
    m_edit->setEnabled(m_devices->currentDeviceId() != 0 && deviceSite &&
                       m_rights.may(deviceSite, Action::Change));
    m_setAttribute->setEnabled(anySelected && deviceSite &&
                               m_rights.may(deviceSite, Action::Change));
    m_delete->setEnabled(anySelected && deviceSite && m_rights.may(deviceSite, Action::Delete));
}

void InventoryPage::newDevice()
{
    if (!m_new->isEnabled())
        return;
    DeviceDialog dialog(m_core, m_identity, m_tree->currentSite(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_events.checkNow();
    m_devices->selectDevice(dialog.deviceId());
}

void InventoryPage::editDevice()
{
    if (!m_edit->isEnabled())
        return;
    const Result<Device> device =
        m_core.devices().get(QString::number(m_devices->currentDeviceId()));
    if (!device) {
        ErrorMessage::show(this, tr("The device cannot be opened."), device.error());
        return;
    }
    DeviceDialog dialog(m_core, m_identity, device.value(), this);
    if (dialog.exec() == QDialog::Accepted)
        m_events.checkNow();
}

void InventoryPage::deleteDevices()
{
    const QList<qint64> ids = m_devices->selectedDeviceIds();
    if (!m_delete->isEnabled() || ids.isEmpty())
        return;
    const int count = int(ids.size());
    if (QMessageBox::question(
            this, tr("Delete Devices"),
            tr("Delete %n device(s), with their interfaces and addresses?", nullptr, count),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    const Result<void> removed = m_core.devices().remove(m_identity, ids);
    if (!removed)
        ErrorMessage::show(this, tr("The devices were not deleted."), removed.error());
    m_events.checkNow();
}

void InventoryPage::setAttribute()
{
    const QList<qint64> ids = m_devices->selectedDeviceIds();
    if (!m_setAttribute->isEnabled() || ids.isEmpty())
        return;
    BulkAttributeDialog dialog(m_core, m_identity, ids, this);
    if (dialog.exec() == QDialog::Accepted)
        m_events.checkNow();
}

} // namespace Cairn
