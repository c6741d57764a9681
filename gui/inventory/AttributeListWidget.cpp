#include "AttributeListWidget.h"

#include "AttributeDialog.h"
#include "CoreServices.h"
#include "common/ErrorMessage.h"
#include "common/RichText.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>

namespace Cairn {

namespace {

// What a definition asks of every value, in a few words.
QString constraintsOf(const Attribute &attribute)
{
    QStringList parts;
    if (!attribute.allowEmpty)
        parts << AttributeListWidget::tr("not empty");
    if (!attribute.pattern.isEmpty())
        parts << AttributeListWidget::tr("matches %1").arg(attribute.pattern);
    if (!attribute.validValues.isEmpty())
        parts << AttributeListWidget::tr("one of %1")
                     .arg(attribute.validValues.join(QStringLiteral(", ")));
    return parts.join(QStringLiteral("; "));
}

} // namespace

AttributeListWidget::AttributeListWidget(CoreServices &core, const Identity &identity,
                                         qint64 siteId, QWidget *parent)
    : ListTab(QStringLiteral("attributes"),
              {tr("Name"), tr("Required"), tr("List"), tr("Constraints"), tr("Description")}, false,
              parent)
    , m_core(core)
    , m_identity(identity)
    , m_rights(core, identity)
    , m_siteId(siteId)
    , m_new(addButton(QStringLiteral("list-add"), tr("&New…"), QStringLiteral("newAttribute")))
    , m_edit(
          addButton(QStringLiteral("document-edit"), tr("&Edit…"), QStringLiteral("editAttribute")))
    , m_delete(addButton(QStringLiteral("edit-delete"), tr("&Delete"),
                         QStringLiteral("deleteAttribute")))
{
    connect(m_new, &QPushButton::clicked, this, &AttributeListWidget::newAttribute);
    connect(m_edit, &QPushButton::clicked, this, &AttributeListWidget::editAttribute);
    connect(m_delete, &QPushButton::clicked, this, &AttributeListWidget::deleteAttribute);
    connect(list(), &QTreeWidget::itemActivated, this, &AttributeListWidget::editAttribute);
    connect(list(), &QTreeWidget::currentItemChanged, this, &AttributeListWidget::updateButtons);
    reload();
}

void AttributeListWidget::reload()
{
    list()->clear();
    AttributeFilter filter;
    filter.siteId = m_siteId;
    const Result<QList<Attribute>> attributes = m_core.attributes().list(filter);
    if (!attributes)
        ErrorMessage::show(this, tr("The attribute definitions could not be read."),
                           attributes.error());
    m_attributes = attributes ? attributes.value() : QList<Attribute>();
    // One branch per resource type, in NSoT's order, each open.
    QHash<QString, QTreeWidgetItem *> types;
    for (const QString &resource : Attribute::ResourceNames) {
        auto *type = new QTreeWidgetItem({resource});
        QFont bold = type->font(0);
        bold.setBold(true);
        type->setFont(0, bold);
        types.insert(resource, type);
    }
    for (const Attribute &attribute : std::as_const(m_attributes)) {
        QTreeWidgetItem *type = types.value(attribute.resourceName);
        if (!type)
            continue;
        auto *item =
            new QTreeWidgetItem(type, {attribute.name, attribute.required ? tr("Yes") : QString(),
                                       attribute.multi ? tr("Yes") : QString(),
                                       constraintsOf(attribute), attribute.description});
        item->setData(0, Qt::UserRole, attribute.id);
        item->setToolTip(4, RichText::plain(attribute.description));
    }
    for (const QString &resource : Attribute::ResourceNames) {
        QTreeWidgetItem *type = types.value(resource);
        if (type->childCount() == 0) {
            delete type;
            continue;
        }
        list()->addTopLevelItem(type);
        type->setExpanded(true);
    }
    fitColumns();
    updateButtons();
}

std::optional<Attribute> AttributeListWidget::currentAttribute() const
{
    const QTreeWidgetItem *item = list()->currentItem();
    if (!item || !item->data(0, Qt::UserRole).isValid())
        return std::nullopt;
    const qint64 id = item->data(0, Qt::UserRole).toLongLong();
    for (const Attribute &attribute : m_attributes) {
        if (attribute.id == id)
            return attribute;
    }
    return std::nullopt;
}

void AttributeListWidget::updateButtons()
{
    const bool selected = currentAttribute().has_value();
    m_new->setEnabled(m_rights.may(m_siteId, Action::Add));
    m_edit->setEnabled(selected && m_rights.may(m_siteId, Action::Change));
    m_delete->setEnabled(selected && m_rights.may(m_siteId, Action::Delete));
}

void AttributeListWidget::newAttribute()
{
    AttributeDialog dialog(m_core, m_identity, m_siteId, std::nullopt, this);
    if (dialog.exec() == QDialog::Accepted)
        reload();
}

void AttributeListWidget::editAttribute()
{
    const std::optional<Attribute> attribute = currentAttribute();
    if (!attribute || !m_edit->isEnabled())
        return;
    AttributeDialog dialog(m_core, m_identity, m_siteId, attribute, this);
    if (dialog.exec() == QDialog::Accepted)
        reload();
}

void AttributeListWidget::deleteAttribute()
{
    const std::optional<Attribute> attribute = currentAttribute();
    if (!attribute)
        return;
    if (QMessageBox::question(
            this, tr("Delete Attribute"),
            RichText::plain(
                tr("Delete the %1 attribute %2?").arg(attribute->resourceName, attribute->name)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    const Result<void> removed = m_core.attributes().remove(m_identity, {attribute->id});
    if (!removed)
        ErrorMessage::show(this, tr("The attribute was not deleted."), removed.error());
    reload();
}

} // namespace Cairn
