#pragma once

#include <QListWidget>
#include <optional>

namespace Cairn {

class SiteService;

// The sites, to choose which one an area shows; optionally "All sites" first. Reloading keeps
// the chosen site, and emits nothing unless it went away.
class SiteListWidget : public QListWidget
{
    Q_OBJECT

public:
    SiteListWidget(SiteService &sites, bool offerAll, QWidget *parent = nullptr);

    // nullopt for "All sites" (or when there is no site at all).
    std::optional<qint64> currentSite() const;
    // Chooses the site (emitting currentSiteChanged); false when it is not listed.
    bool setCurrentSite(qint64 siteId);
    void reload();

Q_SIGNALS:
    void currentSiteChanged();

private:
    SiteService &m_sites;
    bool m_offerAll;
};

} // namespace Cairn
