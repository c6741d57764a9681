#include "MainWindow.h"

#include "AreaPage.h"

#include <QApplication>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace Cairn {

MainWindow::MainWindow(const QString &databaseDescription, QWidget *parent)
    : QMainWindow(parent)
    , m_areas(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
{
    setWindowTitle(tr("Cairn"));
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_areas);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(1, 1);
    m_areas->setMaximumWidth(220);
    setCentralWidget(splitter);

    addArea(tr("Inventory"), tr("Sites, devices and their interfaces; IP networks; attributes "
                                "and set queries."));
    addArea(tr("Topology"), tr("Devices and the links between them, on a map you can arrange."));
    addArea(tr("Automation"), tr("Services, workflows, runs and their results, scheduled tasks."));
    addArea(tr("Toolkit"), tr("Approved commands, run on devices over SSH, with their logs."));
    addArea(tr("Virtualisation"), tr("Hypervisors and their machines, actions and transactions."));
    addArea(tr("Provisioning"), tr("Switches bootstrapping through zero-touch provisioning."));
    addArea(tr("Administration"), tr("Users, groups, permissions, API tokens and server status."));
    connect(m_areas, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_areas->setCurrentRow(0);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Cairn"), this, [this] {
        QMessageBox::about(this, tr("About Cairn"),
                           tr("Cairn %1 — one tool for a network and the machines on it.")
                               .arg(QStringLiteral(CAIRN_VERSION)));
    });
    statusBar()->showMessage(tr("Database: %1").arg(databaseDescription));
    resize(1100, 700);
}

void MainWindow::addArea(const QString &title, const QString &description)
{
    m_areas->addItem(title);
    m_pages->addWidget(new AreaPage(title, description, m_pages));
}

QStringList MainWindow::areaTitles() const
{
    QStringList titles;
    for (int i = 0; i < m_areas->count(); ++i)
        titles << m_areas->item(i)->text();
    return titles;
}

void MainWindow::showArea(int index)
{
    m_areas->setCurrentRow(index);
}

} // namespace Cairn
