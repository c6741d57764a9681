#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace Cairn {

// The desktop window: a list of areas on the left (those of DESIGN.md), the chosen area on
// the right, the database in use in the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const QString &databaseDescription, QWidget *parent = nullptr);

    QStringList areaTitles() const;
    void showArea(int index);

private:
    void addArea(const QString &title, const QString &description);

    QListWidget *m_areas;
    QStackedWidget *m_pages;
};

} // namespace Cairn
