#pragma once

#include "auth/Identity.h"

#include <QDialog>

namespace Cairn {

class AttributeListWidget;
class CoreServices;

// The attribute definitions of one site, opened from the inventory: what its devices,
// networks, interfaces, circuits and protocols may carry, and the rules for each.
class AttributeDefinitionsDialog : public QDialog
{
    Q_OBJECT

public:
    AttributeDefinitionsDialog(CoreServices &core, const Identity &identity, qint64 siteId,
                               const QString &siteName, QWidget *parent = nullptr);
    ~AttributeDefinitionsDialog() override;

    AttributeListWidget *attributes() const { return m_attributes; }

private:
    AttributeListWidget *m_attributes;
};

} // namespace Cairn
