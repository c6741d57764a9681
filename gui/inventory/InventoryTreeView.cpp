#include "InventoryTreeView.h"

#include "InventoryTreeModel.h"

#include <QScopedValueRollback>

namespace Cairn {

namespace {

InventoryTreeModel::Kind kindOf(const QModelIndex &index)
{
    return InventoryTreeModel::Kind(index.data(InventoryTreeModel::KindRole).toInt());
}

} // namespace

InventoryTreeView::InventoryTreeView(CoreServices &core, QWidget *parent)
    : QTreeView(parent)
    , m_model(new InventoryTreeModel(core, this))
{
    setObjectName(QStringLiteral("inventoryTree"));
    setModel(m_model);
    setHeaderHidden(true);
    // Thousands of devices under a site: every row the same height spares measuring each.
    setUniformRowHeights(true);
    setIconSize(QSize(16, 16));
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this,
            &InventoryTreeView::followCurrent);
    connect(this, &QTreeView::collapsed, m_model, &InventoryTreeModel::release);
    setCurrentIndex(m_model->index(0, 0));
}

std::optional<qint64> InventoryTreeView::currentSite() const
{
    return m_site;
}

QString InventoryTreeView::currentSiteName() const
{
    return m_site ? m_model->find(InventoryTreeModel::Kind::Site, *m_site).data().toString()
                  : QString();
}

qint64 InventoryTreeView::currentDevice() const
{
    return currentIndex().data(InventoryTreeModel::DeviceIdRole).toLongLong();
}

void InventoryTreeView::selectAllSites()
{
    setCurrentIndex(m_model->index(0, 0));
}

void InventoryTreeView::reload()
{
    // A current row that goes away hands over to a neighbour: that is no choice of the
    // operator's, and the details stay where they are.
    const QScopedValueRollback quiet(m_reloading, true);
    m_model->reload();
    // The current row went away with everything after it: the first stands in.
    if (!currentIndex().isValid())
        selectAllSites();
}

void InventoryTreeView::followCurrent(const QModelIndex &current)
{
    const InventoryTreeModel::Kind kind = kindOf(current);
    std::optional<qint64> site;
    if (current.isValid() && kind != InventoryTreeModel::Kind::AllSites)
        site = current.data(InventoryTreeModel::SiteIdRole).toLongLong();
    if (site != m_site) {
        m_site = site;
        Q_EMIT currentSiteChanged();
    }
    if (!m_reloading &&
        (kind == InventoryTreeModel::Kind::Device || kind == InventoryTreeModel::Kind::Interface)) {
        Q_EMIT deviceChosen(current.data(InventoryTreeModel::DeviceIdRole).toLongLong(),
                            kind == InventoryTreeModel::Kind::Interface
                                ? current.data(InventoryTreeModel::IdRole).toLongLong()
                                : 0);
    }
}

} // namespace Cairn
