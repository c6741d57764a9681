#pragma once

#include <QStyledItemDelegate>

namespace Cairn {

// Paints a cell as a progress bar: the fraction (0 to 1) from `FractionRole`, the text from
// the display role (a percentage, "3 of 5"). Cells without a fraction paint as usual.
class ProgressBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int FractionRole = Qt::UserRole + 100;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace Cairn
