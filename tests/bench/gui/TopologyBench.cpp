// Issue #19's topology figures: DEVICES devices (argv[2], 2,000) with twice as many links on
// SQLite, offscreen: the first layout (read, Graphviz, scene), then every frame of a pan
// across the picture and of a zoom from the whole picture to life size and back, a step every
// 16 ms as a mouse or wheel sends them (the event loop runs in between, as it does for a
// user). Prints one line per figure.
#include "BenchCore.h"
#include "CoreServices.h"
#include "automation/AutomationLinks.h"
#include "common/CoreEvents.h"
#include "topology/TopologyPage.h"
#include "topology/TopologyScene.h"
#include "topology/TopologyView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTest>
#include <QTextStream>
#include <algorithm>
#include <functional>

using namespace Cairn;
using Cairn::Bench::milliseconds;

namespace {

QTextStream out(stdout);

QString hostname(int index)
{
    return QStringLiteral("r-%1").arg(index, 5, 10, QLatin1Char('0'));
}

// A network shaped like real ones: a ring of cores, each device linked to one earlier device
// (a tree), the rest of the links between random pairs.
bool fill(CoreServices &core, const Identity &admin, int devices)
{
    const Result<QList<Site>> site = core.sites().create(
        admin, QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("bench")}}});
    if (!site)
        return false;
    const QStringList icons{QStringLiteral("router"), QStringLiteral("switch"),
                            QStringLiteral("firewall"), QStringLiteral("server")};
    QJsonArray items;
    for (int i = 0; i < devices; ++i)
        items << QJsonObject{{QStringLiteral("hostname"), hostname(i)},
                             {QStringLiteral("icon"), icons.at(i % icons.size())}};
    if (!core.devices().create(admin, items, site->first().id))
        return false;
    QRandomGenerator random(19);
    QJsonArray links;
    for (int i = 0; i < devices * 2; ++i) {
        const int source = i < devices ? i : int(random.bounded(devices));
        const int target =
            i < devices ? int(random.bounded(std::max(1, i))) : int(random.bounded(devices));
        if (source == target)
            continue;
        links << QJsonObject{{QStringLiteral("name"), QStringLiteral("l-%1").arg(i)},
                             {QStringLiteral("source_name"), hostname(source)},
                             {QStringLiteral("destination_name"), hostname(target)}};
    }
    AutomationLinks saver(core.database(), core.devices(), core.permissions());
    return saver.saveLinks(admin, links).failure.isEmpty();
}

void report(const QString &what, QList<double> frames)
{
    std::sort(frames.begin(), frames.end());
    out << what << ": " << frames.size() << " frames, median " << frames.at(frames.size() / 2)
        << " ms, p99 " << frames.at(frames.size() * 99 / 100) << " ms, max " << frames.last()
        << " ms (target: each < 16)\n";
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        out << "usage: cairn-bench-topology DATA_DIR [DEVICES]\n";
        return 2;
    }
    const int devices = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 2000;
    std::optional<Bench::BenchCore> bench = Bench::BenchCore::open(QString::fromLocal8Bit(argv[1]));
    if (!bench)
        return 1;
    CoreServices &core = *bench->core;
    const Identity &admin = bench->admin;
    if (!fill(core, admin, devices)) {
        out << "cannot make the network\n";
        return 1;
    }

    CoreEvents events(core);
    QElapsedTimer timer;
    timer.start();
    TopologyPage page(core, admin, events);
    page.resize(1400, 900);
    page.show();
    if (!QTest::qWaitFor([&page] { return !page.isArranging(); }, 120000)) {
        out << "the layout did not finish\n";
        return 1;
    }
    TopologyView *view = page.view();
    view->viewport()->grab();
    out << "first layout of " << devices << " devices, " << page.scene()->edges().size()
        << " links: " << milliseconds(timer) << " ms (target < 3000)\n";

    timer.restart();
    TopologyPage reopened(core, admin, events);
    reopened.resize(1400, 900);
    reopened.show();
    reopened.view()->viewport()->grab();
    out << "reopen with the saved arrangement: " << milliseconds(timer) << " ms\n";

    QList<double> frames;
    // The time `step` and drawing the whole view take, a display refresh after the last.
    const auto frame = [&frames, view](const std::function<void()> &step) {
        QTest::qWait(16);
        QElapsedTimer drawing;
        drawing.start();
        step();
        view->viewport()->grab();
        frames << milliseconds(drawing);
    };

    // Pan: at life size, across the picture a third of a screen at a time.
    view->actualSize();
    QScrollBar *bar = view->horizontalScrollBar();
    for (int value = bar->minimum(); value <= bar->maximum(); value += bar->pageStep() / 3)
        frame([bar, value] { bar->setValue(value); });
    report(QStringLiteral("pan at life size"), frames);

    // Zoom: from the whole picture in (every node on screen) to life size, and out again.
    frames.clear();
    view->fitAll();
    const double fitted = view->zoom();
    while (view->zoom() < 1.0)
        frame([view] { view->zoomIn(); });
    while (view->zoom() > fitted)
        frame([view] { view->zoomOut(); });
    report(QStringLiteral("zoom from the whole picture to life size and back"), frames);
    return 0;
}
