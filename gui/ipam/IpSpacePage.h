#pragma once

#include "auth/Identity.h"
#include "common/SiteRights.h"

#include <QSet>
#include <QWidget>

class QAction;
class QSplitter;
class QTreeView;

namespace Cairn {

class CoreEvents;
class CoreServices;
class ErrorLabel;
class NetworkTreeModel;
class SiteListWidget;
struct Network;

// The IP space area: a site's networks as a tree with how full each is, and the next free
// networks and addresses found, allocated or reserved from the one selected.
class IpSpacePage : public QWidget
{
    Q_OBJECT

public:
    IpSpacePage(CoreServices &core, const Identity &identity, CoreEvents &events,
                QWidget *parent = nullptr);
    ~IpSpacePage() override;

    QList<QAction *> toolBarActions() const;
    NetworkTreeModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    // The network of the current row, if any.
    const Network *currentNetwork() const;
    void selectNetwork(qint64 networkId);

public Q_SLOTS:
    void reload();
    void newNetwork();
    void assignAddress();
    void nextFreeNetworks();
    void nextFreeAddresses();
    void deleteNetwork();

private:
    void showSite();
    void setState(const QString &state);
    void updateActions();
    void openNextFree(bool addresses);
    void rememberView();
    void restoreView();

    CoreServices &m_core;
    Identity m_identity;
    SiteRights m_rights;
    SiteListWidget *m_sites;
    NetworkTreeModel *m_model;
    QTreeView *m_tree;
    ErrorLabel *m_error;
    QSplitter *m_splitter;
    QAction *m_new;
    QAction *m_nextNetworks;
    QAction *m_nextAddresses;
    QAction *m_assign;
    QAction *m_reserve;
    QAction *m_allocate;
    QAction *m_delete;
    QAction *m_refresh;
    QSet<qint64> m_expanded;
    qint64 m_current = 0;
    // While the model changes site: the view is not restored to the old site's rows.
    bool m_switchingSite = false;
};

} // namespace Cairn
