// Issue #19's desktop figures with SCALE devices (argv[2], 100,000 by default) on SQLite:
// opening the inventory area, every frame of a scroll from the top of the device table to its
// bottom a screen at a time, a set-query filter, and the inventory tree (a site opened, its
// next pages, a reload with 20,000 devices read). Offscreen; prints one line per figure.
#include "BenchCore.h"
#include "CoreServices.h"
#include "common/CoreEvents.h"
#include "inventory/DeviceListModel.h"
#include "inventory/DeviceListView.h"
#include "inventory/InventoryPage.h"
#include "inventory/InventoryTreeModel.h"
#include "inventory/InventoryTreeView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLineEdit>
#include <QScrollBar>
#include <QTextStream>
#include <algorithm>

using namespace Cairn;
using Cairn::Bench::milliseconds;

namespace {

QTextStream out(stdout);
// The tree reads on this far, as a long scroll would.
constexpr int TreeDevicesRead = 20000;

bool fill(CoreServices &core, const Identity &admin, int scale)
{
    const Result<QList<Site>> site = core.sites().create(
        admin, QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("bench")}}});
    if (!site)
        return false;
    const qint64 siteId = site->first().id;
    if (!core.attributes().create(
            admin,
            QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("role")},
                                   {QStringLiteral("resource_name"), QStringLiteral("Device")}}},
            siteId))
        return false;
    constexpr int Chunk = 5000;
    for (int first = 0; first < scale; first += Chunk) {
        QJsonArray items;
        for (int i = first; i < std::min(scale, first + Chunk); ++i) {
            const QString role = i % 100 == 0 ? QStringLiteral("core") : QStringLiteral("access");
            items << QJsonObject{
                {QStringLiteral("site_id"), siteId},
                {QStringLiteral("hostname"),
                 QStringLiteral("sw-%1").arg(i, 6, 10, QLatin1Char('0'))},
                {QStringLiteral("ip_address"),
                 QStringLiteral("10.%1.%2.%3").arg(i >> 16).arg((i >> 8) & 255).arg(i & 255)},
                {QStringLiteral("platform"), QStringLiteral("cisco_ios")},
                {QStringLiteral("attributes"), QJsonObject{{QStringLiteral("role"), role}}}};
        }
        if (!core.devices().create(admin, items, std::nullopt))
            return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        out << "usage: cairn-bench-gui DATA_DIR [SCALE]\n";
        return 2;
    }
    const int scale = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 100000;
    std::optional<Bench::BenchCore> bench = Bench::BenchCore::open(QString::fromLocal8Bit(argv[1]));
    if (!bench)
        return 1;
    CoreServices &core = *bench->core;
    const Identity &admin = bench->admin;
    QElapsedTimer timer;
    timer.start();
    if (!fill(core, admin, scale)) {
        out << "cannot make the devices\n";
        return 1;
    }
    out << "devices made: " << scale << " in " << milliseconds(timer) / 1000 << " s\n";

    CoreEvents events(core);
    timer.restart();
    InventoryPage page(core, admin, events);
    page.resize(1200, 800);
    page.show();
    // Rendered, as the first frame on screen is.
    page.grab();
    out << "open inventory: " << milliseconds(timer) << " ms (target < 300)\n";

    DeviceListView *view = page.deviceList();
    QScrollBar *bar = view->verticalScrollBar();
    QList<double> frames;
    for (int value = 0;; value = std::min(bar->maximum(), value + bar->pageStep())) {
        timer.restart();
        bar->setValue(value);
        view->viewport()->grab();
        frames << milliseconds(timer);
        if (value == bar->maximum())
            break;
    }
    std::sort(frames.begin(), frames.end());
    out << "scroll to the bottom: " << frames.size() << " frames, median "
        << frames.at(frames.size() / 2) << " ms, p99 " << frames.at(frames.size() * 99 / 100)
        << " ms, max " << frames.last() << " ms (target: each < 16)\n";

    auto *filter = page.findChild<QLineEdit *>(QStringLiteral("filter"));
    filter->setText(QStringLiteral("role=core"));
    timer.restart();
    Q_EMIT filter->returnPressed();
    view->viewport()->grab();
    out << "set query role=core: " << view->deviceModel()->rowCount() << " devices in "
        << milliseconds(timer) << " ms (target < 200)\n";

    // The tree: a site opened (its first page of devices), read on a page at a time as a
    // scroll asks, and everything read again after a change elsewhere.
    auto *tree = page.findChild<InventoryTreeView *>();
    InventoryTreeModel *treeModel = tree->treeModel();
    const QModelIndex site = treeModel->find(InventoryTreeModel::Kind::Site,
                                             core.sites().get(QStringLiteral("bench")).value().id);
    timer.restart();
    tree->expand(site);
    treeModel->fetchMore(site);
    tree->viewport()->grab();
    out << "tree: open a site of " << scale << " devices: " << milliseconds(timer) << " ms, "
        << treeModel->rowCount(site) << " shown\n";
    QList<double> pages;
    while (treeModel->rowCount(site) < TreeDevicesRead && treeModel->canFetchMore(site)) {
        timer.restart();
        treeModel->fetchMore(site);
        pages << milliseconds(timer);
    }
    std::sort(pages.begin(), pages.end());
    if (!pages.isEmpty())
        out << "tree: each next page of " << InventoryTreeModel::PageSize << ": median "
            << pages.at(pages.size() / 2) << " ms, max " << pages.last() << " ms\n";
    timer.restart();
    page.reload();
    out << "reload after a change, " << treeModel->rowCount(site)
        << " devices in the tree: " << milliseconds(timer) << " ms\n";
    return 0;
}
