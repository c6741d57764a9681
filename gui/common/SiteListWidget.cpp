#include "SiteListWidget.h"

#include "RichText.h"
#include "inventory/SiteService.h"

namespace Cairn {

SiteListWidget::SiteListWidget(SiteService &sites, bool offerAll, QWidget *parent)
    : QListWidget(parent)
    , m_sites(sites)
    , m_offerAll(offerAll)
{
    setObjectName(QStringLiteral("sites"));
    setIconSize(QSize(16, 16));
    connect(this, &QListWidget::currentRowChanged, this, &SiteListWidget::currentSiteChanged);
    reload();
}

std::optional<qint64> SiteListWidget::currentSite() const
{
    const QListWidgetItem *item = currentItem();
    if (!item || !item->data(Qt::UserRole).isValid())
        return std::nullopt;
    return item->data(Qt::UserRole).toLongLong();
}

bool SiteListWidget::setCurrentSite(qint64 siteId)
{
    for (int row = 0; row < count(); ++row) {
        if (item(row)->data(Qt::UserRole) == QVariant(siteId)) {
            setCurrentRow(row);
            return true;
        }
    }
    return false;
}

void SiteListWidget::reload()
{
    const std::optional<qint64> chosen = currentSite();
    const Result<QList<Site>> sites = m_sites.list();
    {
        const QSignalBlocker blocker(this);
        clear();
        if (m_offerAll)
            addItem(new QListWidgetItem(QIcon::fromTheme(QStringLiteral("network-workgroup")),
                                        tr("All sites")));
        for (const Site &site : sites ? sites.value() : QList<Site>()) {
            auto *item = new QListWidgetItem(QIcon::fromTheme(QStringLiteral("folder")), site.name);
            item->setData(Qt::UserRole, site.id);
            item->setToolTip(RichText::plain(site.description));
            addItem(item);
            if (chosen == site.id)
                setCurrentItem(item);
        }
        if (!currentItem() && count() > 0)
            setCurrentRow(0);
    }
    if (currentSite() != chosen)
        Q_EMIT currentSiteChanged();
}

} // namespace Cairn
