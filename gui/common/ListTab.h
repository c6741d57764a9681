#pragma once

#include <QWidget>

class QHBoxLayout;
class QPushButton;
class QTreeWidget;

namespace Cairn {

// A row of buttons over a list: each administration tab, and the attribute definitions.
class ListTab : public QWidget
{
    Q_OBJECT

public:
    QTreeWidget *list() const { return m_list; }

protected:
    // `flat`: rows without children (no expansion arrows).
    ListTab(const QString &listName, const QStringList &headers, bool flat, QWidget *parent);

    // A button after the others, named for tests and themed by `iconName` (empty for none).
    QPushButton *addButton(const QString &iconName, const QString &text, const QString &name);
    // Every column as wide as what it holds, after a reload.
    void fitColumns();

private:
    QTreeWidget *m_list;
    QHBoxLayout *m_buttons;
};

} // namespace Cairn
