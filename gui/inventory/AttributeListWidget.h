#pragma once

#include "auth/Identity.h"
#include "common/ListTab.h"
#include "common/SiteRights.h"
#include "inventory/Attribute.h"

#include <optional>

class QPushButton;

namespace Cairn {

class CoreServices;

// A site's attribute definitions by resource type, with what each requires of its values;
// new ones, edits and deletes for who may make them in the site (the core refuses deleting
// one that resources still carry).
class AttributeListWidget : public ListTab
{
    Q_OBJECT

public:
    AttributeListWidget(CoreServices &core, const Identity &identity, qint64 siteId,
                        QWidget *parent = nullptr);

public Q_SLOTS:
    void reload();
    void newAttribute();
    void editAttribute();
    void deleteAttribute();

private:
    std::optional<Attribute> currentAttribute() const;
    void updateButtons();

    CoreServices &m_core;
    Identity m_identity;
    SiteRights m_rights;
    qint64 m_siteId;
    QList<Attribute> m_attributes;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_delete;
};

} // namespace Cairn
