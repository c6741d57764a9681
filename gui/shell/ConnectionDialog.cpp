#include "ConnectionDialog.h"

#include "common/DatabasePassword.h"
#include "common/ErrorLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace Cairn {

namespace {

const QString NameField = QStringLiteral("name");
const QString HostField = QStringLiteral("host");
const QString DatabaseField = QStringLiteral("database");
const QString UserField = QStringLiteral("user");
const QString PortField = QStringLiteral("port");

} // namespace

ConnectionDialog::ConnectionDialog(QString dataDir, Connector connector, QWidget *parent)
    : QDialog(parent)
    , m_dataDir(std::move(dataDir))
    , m_connector(std::move(connector))
    , m_profiles(ConnectionProfiles::all())
    , m_list(new QListWidget(this))
    , m_server(new QWidget(this))
    , m_port(new QSpinBox(this))
    , m_sslMode(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember the password in the system keychain"), this))
{
    setWindowTitle(tr("Connect to a Database"));
    m_list->setObjectName(QStringLiteral("profiles"));
    auto *local = new QListWidgetItem(QIcon::fromTheme(QStringLiteral("computer")),
                                      tr("This computer (SQLite)"), m_list);
    local->setToolTip(DatabaseConfig::fromUrl(QString(), m_dataDir).value().sqlitePath);
    for (const ConnectionProfile &profile : std::as_const(m_profiles))
        new QListWidgetItem(QIcon::fromTheme(QStringLiteral("network-server")), profile.name,
                            m_list);

    auto *form = new QFormLayout(m_server);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addText(NameField, tr("&Name:"));
    addText(HostField, tr("&Host:"));
    m_port->setObjectName(PortField);
    m_port->setRange(1, 65535);
    form->addRow(tr("P&ort:"), m_port);
    addText(DatabaseField, tr("&Database:"));
    addText(UserField, tr("&User:"));
    m_sslMode->setObjectName(QStringLiteral("sslMode"));
    m_sslMode->addItem(tr("libpq's default (prefer)"), QString());
    for (const QString &mode : {QStringLiteral("disable"), QStringLiteral("require"),
                                QStringLiteral("verify-ca"), QStringLiteral("verify-full")})
        m_sslMode->addItem(mode, mode);
    form->addRow(tr("&TLS:"), m_sslMode);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("From the keychain, when it holds one"));
    form->addRow(tr("&Password:"), m_password);
    m_remember->setObjectName(QStringLiteral("rememberPassword"));
    form->addRow(QString(), m_remember);

    auto *add =
        new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("&New Profile"), this);
    auto *remove = new QPushButton(QIcon::fromTheme(QStringLiteral("list-remove")),
                                   tr("De&lete Profile"), this);
    add->setObjectName(QStringLiteral("newProfile"));
    remove->setObjectName(QStringLiteral("deleteProfile"));
    connect(add, &QPushButton::clicked, this, &ConnectionDialog::newProfile);
    connect(remove, &QPushButton::clicked, this, &ConnectionDialog::deleteProfile);
    auto *listColumn = new QVBoxLayout;
    listColumn->addWidget(m_list, 1);
    listColumn->addWidget(add);
    listColumn->addWidget(remove);
    auto *columns = new QHBoxLayout;
    columns->addLayout(listColumn);
    columns->addWidget(m_server, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_errors.general());
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);
    connect(m_list, &QListWidget::currentRowChanged, this, [this, remove](int row) {
        keepForm();
        showProfile(row);
        remove->setEnabled(row > 0);
    });
    selectProfile(ConnectionProfiles::lastUsed());
    resize(620, sizeHint().height());
}

QLineEdit *ConnectionDialog::addText(const QString &field, const QString &label)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(field);
    auto *form = static_cast<QFormLayout *>(m_server->layout());
    form->addRow(label, edit);
    // Its complaint right under it.
    m_errors.add(field, form);
    m_texts.insert(field, edit);
    return edit;
}

void ConnectionDialog::selectProfile(const QString &name)
{
    int row = 0;
    for (int index = 0; index < m_profiles.size(); ++index) {
        if (!name.isEmpty() && m_profiles.at(index).name == name)
            row = index + 1;
    }
    m_list->setCurrentRow(row);
    showProfile(row);
}

void ConnectionDialog::showError(const QString &message)
{
    m_errors.show(Error::unavailable(QString(), message));
}

void ConnectionDialog::showProfile(int row)
{
    m_errors.clear();
    m_shown = row - 1;
    m_server->setEnabled(m_shown >= 0);
    m_password->clear();
    if (m_shown < 0) {
        for (QLineEdit *text : std::as_const(m_texts))
            text->clear();
        return;
    }
    const ConnectionProfile &profile = m_profiles.at(m_shown);
    const Result<DatabaseConfig> config = DatabaseConfig::fromUrl(profile.url, m_dataDir);
    // Nothing of the profile shown before stays in the form.
    for (QLineEdit *text : std::as_const(m_texts))
        text->clear();
    m_port->setValue(5432);
    m_sslMode->setCurrentIndex(0);
    m_remember->setChecked(false);
    m_texts.value(NameField)->setText(profile.name);
    if (!config)
        return;
    m_texts.value(HostField)->setText(config->host);
    m_port->setValue(config->port);
    m_texts.value(DatabaseField)->setText(config->databaseName);
    m_texts.value(UserField)->setText(config->user);
    m_sslMode->setCurrentIndex(std::max(0, m_sslMode->findData(config->sslMode)));
    m_remember->setChecked(!DatabasePassword::stored(config.value()).isEmpty());
}

void ConnectionDialog::keepForm()
{
    if (m_shown < 0 || m_shown >= m_profiles.size())
        return;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(m_texts.value(UserField)->text().trimmed());
    url.setHost(m_texts.value(HostField)->text().trimmed());
    url.setPort(m_port->value());
    url.setPath(QLatin1Char('/') + m_texts.value(DatabaseField)->text().trimmed());
    const QString sslMode = m_sslMode->currentData().toString();
    if (!sslMode.isEmpty())
        url.setQuery(QUrlQuery{{QStringLiteral("sslmode"), sslMode}});
    m_profiles[m_shown] = {m_texts.value(NameField)->text().trimmed(),
                           url.toString(QUrl::FullyEncoded)};
    m_list->item(m_shown + 1)->setText(m_profiles.at(m_shown).name);
}

Result<DatabaseConfig> ConnectionDialog::formConfig() const
{
    const ConnectionProfile &profile = m_profiles.at(m_shown);
    if (profile.name.isEmpty())
        return Error::invalidField(NameField, tr("Give the profile a name."));
    for (int index = 0; index < m_profiles.size(); ++index) {
        if (index != m_shown && m_profiles.at(index).name == profile.name)
            return Error::invalidField(NameField, tr("Another profile has this name."));
    }
    for (const auto &[field, message] : {std::pair{HostField, tr("Name the server.")},
                                         std::pair{DatabaseField, tr("Name the database.")},
                                         std::pair{UserField, tr("Name the database user.")}}) {
        if (m_texts.value(field)->text().trimmed().isEmpty())
            return Error::invalidField(field, message);
    }
    // QUrl drops a host it cannot take ("db:5433", "db server"); fromUrl would make that
    // localhost.
    if (QUrl(profile.url).host().isEmpty())
        return Error::invalidField(HostField, tr("Not a host name or address."));
    Result<DatabaseConfig> config = DatabaseConfig::fromUrl(profile.url, m_dataDir);
    if (!config)
        return Error::invalidField(HostField, config.error().message);
    return config;
}

void ConnectionDialog::newProfile()
{
    keepForm();
    m_profiles << ConnectionProfile{tr("PostgreSQL %1").arg(m_profiles.size() + 1),
                                    QStringLiteral("postgresql://%1@localhost:5432/cairn")
                                        .arg(QString::fromLocal8Bit(qgetenv("USER")).isEmpty()
                                                 ? QStringLiteral("cairn")
                                                 : QString::fromLocal8Bit(qgetenv("USER")))};
    new QListWidgetItem(QIcon::fromTheme(QStringLiteral("network-server")), m_profiles.last().name,
                        m_list);
    m_list->setCurrentRow(int(m_profiles.size()));
    m_texts.value(NameField)->setFocus();
    m_texts.value(NameField)->selectAll();
}

void ConnectionDialog::deleteProfile()
{
    if (m_shown < 0)
        return;
    const int removed = m_shown;
    // Its password goes from the keychain with it.
    if (const Result<DatabaseConfig> config =
            DatabaseConfig::fromUrl(m_profiles.at(removed).url, m_dataDir))
        DatabasePassword::forget(config.value());
    m_shown = -1;
    m_profiles.removeAt(removed);
    delete m_list->takeItem(removed + 1);
    ConnectionProfiles::save(m_profiles);
    m_list->setCurrentRow(std::min(removed + 1, int(m_profiles.size())));
}

void ConnectionDialog::accept()
{
    keepForm();
    m_errors.clear();
    DatabaseConfig config;
    QString name;
    if (m_shown < 0) {
        config = DatabaseConfig::fromUrl(QString(), m_dataDir).value();
    } else {
        const Result<DatabaseConfig> chosen = formConfig();
        if (!chosen) {
            m_errors.show(chosen.error());
            return;
        }
        config = chosen.value();
        name = m_profiles.at(m_shown).name;
        config.password =
            m_password->text().isEmpty() ? DatabasePassword::lookup(config) : m_password->text();
    }
    const Result<void> connected = m_connector(config);
    if (!connected) {
        m_errors.show(Error::unavailable(
            QString(),
            tr("Cairn could not open this database: %1").arg(connected.error().message)));
        return;
    }
    if (m_shown >= 0) {
        if (!m_remember->isChecked())
            DatabasePassword::forget(config);
        else if (!m_password->text().isEmpty() &&
                 !DatabasePassword::store(config, m_password->text()))
            qWarning("The system keychain did not take the database password; it is not "
                     "remembered.");
    }
    m_password->clear();
    ConnectionProfiles::save(m_profiles);
    ConnectionProfiles::setLastUsed(name);
    QDialog::accept();
}

} // namespace Cairn
