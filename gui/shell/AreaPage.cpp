#include "AreaPage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Cairn {

AreaPage::AreaPage(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading->setFont(font);
    auto *text = new QLabel(description, this);
    text->setWordWrap(true);
    layout->addWidget(heading);
    layout->addWidget(text);
    layout->addStretch();
}

} // namespace Cairn
