#include "DeviceSearchBox.h"

#include "ErrorLabel.h"
#include "inventory/DeviceService.h"

#include <QLineEdit>
#include <QVBoxLayout>

namespace Cairn {

DeviceSearchBox::DeviceSearchBox(DeviceService &devices, QWidget *parent)
    : QWidget(parent)
    , m_devices(devices)
    , m_text(new QLineEdit(this))
    , m_error(new ErrorLabel(this))
{
    m_text->setObjectName(QStringLiteral("filter"));
    m_text->setClearButtonEnabled(true);
    m_text->setPlaceholderText(
        tr("Filter by hostname, or a set query such as role=core -vendor=juniper"));
    m_text->setToolTip(tr("A word filters by hostname. Terms with '=' are an NSoT set query: "
                          "a=b intersects, +a=b adds, -a=b removes."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addWidget(m_error);
    setFocusProxy(m_text);
    connect(m_text, &QLineEdit::returnPressed, this, &DeviceSearchBox::searchRequested);
    // Cleared with its button: show everything again at once.
    connect(m_text, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            Q_EMIT searchRequested();
    });
}

QString DeviceSearchBox::text() const
{
    return m_text->text();
}

void DeviceSearchBox::setText(const QString &text)
{
    const QSignalBlocker blocker(m_text);
    m_text->setText(text);
}

DeviceFilter DeviceSearchBox::filter(std::optional<qint64> site) const
{
    m_error->clearError();
    DeviceFilter filter;
    filter.siteId = site;
    const QString text = m_text->text().trimmed();
    if (text.contains(QLatin1Char('='))) {
        const Result<QList<qint64>> ids = m_devices.query(site, text);
        if (!ids) {
            m_error->showError(ids.error().message);
            filter.ids = QList<qint64>();
        } else {
            filter.ids = ids.value();
        }
    } else if (!text.isEmpty()) {
        filter.textMatches << DeviceFilter::TextMatch{QStringLiteral("hostname"), text,
                                                      DeviceFilter::TextMatch::Kind::Contains};
    }
    return filter;
}

void DeviceSearchBox::showError(const QString &message)
{
    m_error->showError(message);
}

} // namespace Cairn
