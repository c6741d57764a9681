#include "IpSpacePage.h"

#include "AssignAddressDialog.h"
#include "CoreServices.h"
#include "NetworkDialog.h"
#include "NetworkTreeModel.h"
#include "NextFreeDialog.h"
#include "common/CoreEvents.h"
#include "common/ErrorLabel.h"
#include "common/ErrorMessage.h"
#include "common/ProgressBarDelegate.h"
#include "common/SettingValue.h"
#include "common/SiteListWidget.h"

#include <QAction>
#include <QHeaderView>
#include <QJsonArray>
#include <QMessageBox>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>
#include <functional>

namespace Cairn {

namespace {

const SettingValue<QByteArray> SplitterState(QStringLiteral("IpSpace/Splitter"));
const SettingValue<QByteArray> HeaderState(QStringLiteral("IpSpace/Header"));

} // namespace

IpSpacePage::IpSpacePage(CoreServices &core, const Identity &identity, CoreEvents &events,
                         QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_identity(identity)
    , m_rights(core, identity)
    , m_sites(new SiteListWidget(core.sites(), false, this))
    , m_model(new NetworkTreeModel(core.networks(), this))
    , m_tree(new QTreeView(this))
    , m_error(new ErrorLabel(this))
    , m_splitter(new QSplitter(this))
    , m_new(new QAction(QIcon::fromTheme(QStringLiteral("list-add")), tr("&New Network…"), this))
    , m_nextNetworks(new QAction(QIcon::fromTheme(QStringLiteral("network-workgroup")),
                                 tr("Next Free &Networks…"), this))
    , m_nextAddresses(new QAction(QIcon::fromTheme(QStringLiteral("network-wired")),
                                  tr("Next Free &Addresses…"), this))
    , m_assign(new QAction(QIcon::fromTheme(QStringLiteral("insert-link")),
                           tr("Assign to &Interface…"), this))
    , m_reserve(new QAction(tr("Mark &Reserved"), this))
    , m_allocate(new QAction(tr("Mark A&llocated"), this))
    , m_delete(new QAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete"), this))
    , m_refresh(new QAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Refresh"), this))
{
    m_tree->setObjectName(QStringLiteral("networks"));
    m_tree->setModel(m_model);
    m_tree->setItemDelegateForColumn(NetworkTreeModel::Used, new ProgressBarDelegate(m_tree));
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    if (!m_tree->header()->restoreState(HeaderState.get())) {
        m_tree->header()->resizeSection(NetworkTreeModel::Cidr, 260);
        m_tree->header()->resizeSection(NetworkTreeModel::State, 110);
        m_tree->header()->resizeSection(NetworkTreeModel::Used, 140);
    }
    auto *networks = new QWidget(this);
    auto *networksLayout = new QVBoxLayout(networks);
    networksLayout->setContentsMargins(0, 0, 0, 0);
    networksLayout->addWidget(m_error);
    networksLayout->addWidget(m_tree);
    m_splitter->addWidget(m_sites);
    m_splitter->addWidget(networks);
    m_splitter->setStretchFactor(1, 1);
    if (!m_splitter->restoreState(SplitterState.get()))
        m_splitter->setSizes({160, 900});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    const QList<std::pair<QAction *, const char *>> names{{m_new, "newNetwork"},
                                                          {m_nextNetworks, "nextNetworks"},
                                                          {m_nextAddresses, "nextAddresses"},
                                                          {m_assign, "assignAddress"},
                                                          {m_reserve, "reserve"},
                                                          {m_allocate, "allocate"},
                                                          {m_delete, "deleteNetwork"},
                                                          {m_refresh, "refresh"}};
    for (const auto &[action, name] : names) {
        action->setObjectName(QString::fromLatin1(name));
        addAction(action);
    }
    m_new->setShortcut(QKeySequence::New);
    m_nextNetworks->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_N);
    m_nextAddresses->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_A);
    m_assign->setShortcut(Qt::CTRL | Qt::Key_I);
    m_assign->setToolTip(tr("Put the chosen address on an interface of one of the site's devices"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_refresh->setShortcut(QKeySequence::Refresh);
    connect(m_new, &QAction::triggered, this, &IpSpacePage::newNetwork);
    connect(m_nextNetworks, &QAction::triggered, this, &IpSpacePage::nextFreeNetworks);
    connect(m_assign, &QAction::triggered, this, &IpSpacePage::assignAddress);
    connect(m_nextAddresses, &QAction::triggered, this, &IpSpacePage::nextFreeAddresses);
    connect(m_reserve, &QAction::triggered, this, [this] { setState(Network::Reserved); });
    connect(m_allocate, &QAction::triggered, this,
            [this] { setState(QStringLiteral("allocated")); });
    connect(m_delete, &QAction::triggered, this, &IpSpacePage::deleteNetwork);
    connect(m_refresh, &QAction::triggered, this, &IpSpacePage::reload);
    connect(m_sites, &SiteListWidget::currentSiteChanged, this, &IpSpacePage::showSite);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &IpSpacePage::updateActions);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, &IpSpacePage::rememberView);
    connect(m_model, &QAbstractItemModel::modelReset, this, &IpSpacePage::restoreView);
    connect(&events, &CoreEvents::inventoryChanged, this, &IpSpacePage::reload);
    showSite();
}

IpSpacePage::~IpSpacePage()
{
    SplitterState.set(m_splitter->saveState());
    HeaderState.set(m_tree->header()->saveState());
}

QList<QAction *> IpSpacePage::toolBarActions() const
{
    return {m_new,     m_nextNetworks, m_nextAddresses, m_assign,
            m_reserve, m_allocate,     m_delete,        m_refresh};
}

const Network *IpSpacePage::currentNetwork() const
{
    return m_model->network(m_tree->currentIndex());
}

void IpSpacePage::selectNetwork(qint64 networkId)
{
    // A network of another site: that site first.
    if (!m_model->indexOf(networkId).isValid()) {
        const Result<Network> network = m_core.networks().get(QString::number(networkId));
        if (!network || !m_sites->setCurrentSite(network->siteId))
            return;
    }
    const QModelIndex index = m_model->indexOf(networkId);
    if (!index.isValid())
        return;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void IpSpacePage::showSite()
{
    // Another site's tree: nothing of the one left is kept or selected again.
    m_switchingSite = true;
    m_model->setSite(m_sites->currentSite());
    m_switchingSite = false;
    m_expanded.clear();
    m_current = 0;
    // A site's top networks open, to show what they hold.
    for (int row = 0; row < m_model->rowCount(); ++row)
        m_tree->expand(m_model->index(row, 0));
    updateActions();
}

void IpSpacePage::reload()
{
    m_sites->reload();
    m_model->reload();
    updateActions();
}

void IpSpacePage::rememberView()
{
    if (m_switchingSite)
        return;
    m_expanded.clear();
    const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < m_model->rowCount(parent); ++row) {
            const QModelIndex index = m_model->index(row, 0, parent);
            if (m_tree->isExpanded(index)) {
                m_expanded.insert(index.data(NetworkTreeModel::NetworkIdRole).toLongLong());
                walk(index);
            }
        }
    };
    walk({});
    const Network *current = currentNetwork();
    m_current = current ? current->id : 0;
}

void IpSpacePage::restoreView()
{
    if (m_switchingSite)
        return;
    for (const qint64 id : std::as_const(m_expanded))
        m_tree->expand(m_model->indexOf(id));
    selectNetwork(m_current);
    updateActions();
}

void IpSpacePage::updateActions()
{
    const Network *current = currentNetwork();
    const std::optional<qint64> site = m_sites->currentSite();
    m_error->clearError();
    if (const std::optional<Error> error = m_model->lastError())
        m_error->showError(error->message);
    m_new->setEnabled(site && m_rights.may(site, Action::Add));
    const bool mayChange = current && m_rights.may(current->siteId, Action::Change);
    const bool isNetwork = current && !current->ip.isHost();
    m_nextNetworks->setEnabled(isNetwork && m_rights.may(current->siteId, Action::Add));
    m_nextAddresses->setEnabled(m_nextNetworks->isEnabled());
    m_assign->setEnabled(mayChange && current->ip.isHost());
    m_reserve->setEnabled(mayChange && current->state != Network::Reserved);
    m_allocate->setEnabled(mayChange && current->state == Network::Reserved);
    m_delete->setEnabled(current && m_rights.may(current->siteId, Action::Delete));
}

void IpSpacePage::newNetwork()
{
    const std::optional<qint64> site = m_sites->currentSite();
    if (!m_new->isEnabled() || !site)
        return;
    NetworkDialog dialog(m_core, m_identity, *site, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_model->reload();
    selectNetwork(dialog.networkId());
}

void IpSpacePage::assignAddress()
{
    const Network *current = currentNetwork();
    if (!m_assign->isEnabled() || !current)
        return;
    const qint64 shown = current->id;
    AssignAddressDialog dialog(m_core, m_identity, current->siteId, current->ip.cidr(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_model->reload();
    selectNetwork(shown);
}

void IpSpacePage::nextFreeNetworks()
{
    openNextFree(false);
}

void IpSpacePage::nextFreeAddresses()
{
    openNextFree(true);
}

void IpSpacePage::openNextFree(bool addresses)
{
    const Network *current = currentNetwork();
    if (!m_nextNetworks->isEnabled() || !current)
        return;
    NextFreeDialog dialog(
        m_core, m_identity, *current,
        addresses ? NextFreeDialog::Kind::Addresses : NextFreeDialog::Kind::Networks, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_tree->expand(m_tree->currentIndex());
    m_model->reload();
    if (!dialog.allocated().isEmpty())
        selectNetwork(dialog.allocated().first().id);
}

void IpSpacePage::setState(const QString &state)
{
    const Network *current = currentNetwork();
    if (!current)
        return;
    const Result<QList<Network>> saved =
        m_core.networks().update(m_identity,
                                 QJsonArray{QJsonObject{{QStringLiteral("id"), current->id},
                                                        {QStringLiteral("state"), state}}},
                                 true);
    if (!saved)
        ErrorMessage::show(this, tr("The state was not changed."), saved.error());
    m_model->reload();
}

void IpSpacePage::deleteNetwork()
{
    const Network *current = currentNetwork();
    if (!m_delete->isEnabled() || !current)
        return;
    const qint64 id = current->id;
    const bool hasChildren = m_model->rowCount(m_tree->currentIndex()) > 0;
    const QString question =
        hasChildren ? tr("Delete %1? What it holds moves up to its parent.").arg(current->ip.cidr())
                    : tr("Delete %1?").arg(current->ip.cidr());
    if (QMessageBox::question(this, tr("Delete Network"), question,
                              QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    const Result<void> removed = m_core.networks().remove(m_identity, {id}, hasChildren);
    if (!removed)
        ErrorMessage::show(this, tr("The network was not deleted."), removed.error());
    m_model->reload();
}

} // namespace Cairn
