#pragma once

#include <QWidget>

namespace Cairn {

// One area of the main window (Inventory, Topology, ...) until its real views arrive: its
// name and what it will hold, so the shell is navigable from the first build.
class AreaPage : public QWidget
{
    Q_OBJECT

public:
    AreaPage(const QString &title, const QString &description, QWidget *parent = nullptr);
};

} // namespace Cairn
