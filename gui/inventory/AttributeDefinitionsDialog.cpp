#include "AttributeDefinitionsDialog.h"

#include "AttributeListWidget.h"
#include "common/SettingValue.h"

#include <QDialogButtonBox>
#include <QVBoxLayout>

namespace Cairn {

namespace {

const SettingValue<QSize> DialogSize(QStringLiteral("Inventory/AttributeDefinitions/Size"));

} // namespace

AttributeDefinitionsDialog::AttributeDefinitionsDialog(CoreServices &core, const Identity &identity,
                                                       qint64 siteId, const QString &siteName,
                                                       QWidget *parent)
    : QDialog(parent)
    , m_attributes(new AttributeListWidget(core, identity, siteId, this))
{
    setWindowTitle(tr("Attribute Definitions of %1").arg(siteName));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_attributes);
    layout->addWidget(buttons);
    resize(DialogSize.get(QSize(720, 460)));
}

AttributeDefinitionsDialog::~AttributeDefinitionsDialog()
{
    DialogSize.set(size());
}

} // namespace Cairn
