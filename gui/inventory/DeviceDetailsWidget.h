#pragma once

#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;

namespace Cairn {

class CoreServices;

// The current device in full: what it is, its interfaces with their addresses, the circuits
// that end on it, and its change history with what each change did. Tabs read when shown, as the
// device changes often while the operator moves through the table.
class DeviceDetailsWidget : public QWidget
{
    Q_OBJECT

public:
    explicit DeviceDetailsWidget(CoreServices &core, QWidget *parent = nullptr);

    // 0 shows nothing.
    void showDevice(qint64 deviceId);
    // The shown device's interface, current on the interfaces tab.
    void showInterface(qint64 interfaceId);
    // Reads the shown device again (after a change anywhere).
    void reload();

private:
    void showOverview();
    void showInterfaces();
    void showCircuits();
    void showHistory();
    void showChange();
    void loadCurrentTab();

    CoreServices &m_core;
    qint64 m_deviceId = 0;
    QTabWidget *m_tabs;
    QLabel *m_empty;
    QFormLayout *m_overview;
    QTreeWidget *m_interfaces;
    QTreeWidget *m_circuits;
    QTreeWidget *m_history;
    QPlainTextEdit *m_diff;
};

} // namespace Cairn
