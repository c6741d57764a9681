#include "ListTab.h"

#include <QHBoxLayout>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Cairn {

ListTab::ListTab(const QString &listName, const QStringList &headers, bool flat, QWidget *parent)
    : QWidget(parent)
    , m_list(new QTreeWidget(this))
    , m_buttons(new QHBoxLayout)
{
    m_list->setObjectName(listName);
    m_list->setHeaderLabels(headers);
    m_list->setRootIsDecorated(!flat);
    m_list->setAlternatingRowColors(true);
    m_buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_buttons);
    layout->addWidget(m_list);
}

QPushButton *ListTab::addButton(const QString &iconName, const QString &text, const QString &name)
{
    auto *button = new QPushButton(text, this);
    if (!iconName.isEmpty())
        button->setIcon(QIcon::fromTheme(iconName));
    button->setObjectName(name);
    // Before the stretch that keeps the row to the left.
    m_buttons->insertWidget(m_buttons->count() - 1, button);
    return button;
}

void ListTab::fitColumns()
{
    for (int column = 0; column < m_list->columnCount(); ++column)
        m_list->resizeColumnToContents(column);
}

} // namespace Cairn
