<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Cairn::AdministrationPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <source>API Tokens</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Datenordner:</translation>
    </message>
    <message>
        <source>Signed in as:</source>
        <translation>Angemeldet als:</translation>
    </message>
    <message>
        <source>This Program</source>
        <translation>Dieses Programm</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Device Credentials</source>
        <translation>Geräte-Zugangsdaten</translation>
    </message>
</context>
<context>
    <name>Cairn::AssignAddressDialog</name>
    <message>
        <source>Assign Address to Interface</source>
        <translation>Adresse einer Schnittstelle zuweisen</translation>
    </message>
    <message>
        <source>10.20.0.5/32 or 2001:db8::5/128</source>
        <translation>10.20.0.5/32 oder 2001:db8::5/128</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>Hostname</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <source>&amp;Interface:</source>
        <translation>&amp;Schnittstelle:</translation>
    </message>
    <message>
        <source>&amp;Assign</source>
        <translation>&amp;Zuweisen</translation>
    </message>
    <message>
        <source>Type the address to assign.</source>
        <translation>Geben Sie die zuzuweisende Adresse ein.</translation>
    </message>
    <message>
        <source>No device of this site has that name.</source>
        <translation>Kein Gerät dieses Standorts hat diesen Namen.</translation>
    </message>
    <message>
        <source>The device has no interface yet.</source>
        <translation>Das Gerät hat noch keine Schnittstelle.</translation>
    </message>
</context>
<context>
    <name>Cairn::AttributeDefinitionsDialog</name>
    <message>
        <source>Attribute Definitions of %1</source>
        <translation>Attributdefinitionen von %1</translation>
    </message>
</context>
<context>
    <name>Cairn::AttributeDialog</name>
    <message>
        <source>Re&amp;quired: every resource of this type has it</source>
        <translation>&amp;Pflicht: jede Ressource dieses Typs hat es</translation>
    </message>
    <message>
        <source>&amp;Shown in lists</source>
        <translation>In Listen an&amp;zeigen</translation>
    </message>
    <message>
        <source>A &amp;list of values</source>
        <translation>Eine &amp;Liste von Werten</translation>
    </message>
    <message>
        <source>May be &amp;empty</source>
        <translation>Darf l&amp;eer sein</translation>
    </message>
    <message>
        <source>Edit Attribute %1</source>
        <translation>Attribut %1 bearbeiten</translation>
    </message>
    <message>
        <source>New Attribute</source>
        <translation>Neues Attribut</translation>
    </message>
    <message>
        <source>A regular expression values must match from the start</source>
        <translation>Ein regulärer Ausdruck, dem Werte vom Anfang an entsprechen müssen</translation>
    </message>
    <message>
        <source>One allowed value per line; empty allows any</source>
        <translation>Ein erlaubter Wert pro Zeile; leer erlaubt jeden</translation>
    </message>
    <message>
        <source>&amp;Resource:</source>
        <translation>&amp;Ressource:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Constraints on every value</source>
        <translation>Einschränkungen für jeden Wert</translation>
    </message>
    <message>
        <source>&amp;Pattern:</source>
        <translation>&amp;Muster:</translation>
    </message>
    <message>
        <source>&amp;Valid values:</source>
        <translation>&amp;Gültige Werte:</translation>
    </message>
    <message>
        <source>The pattern is not a regular expression: %1</source>
        <translation>Das Muster ist kein regulärer Ausdruck: %1</translation>
    </message>
</context>
<context>
    <name>Cairn::AttributeListWidget</name>
    <message>
        <source>not empty</source>
        <translation>nicht leer</translation>
    </message>
    <message>
        <source>matches %1</source>
        <translation>passt auf %1</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>eines von %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Pflicht</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Constraints</source>
        <translation>Einschränkungen</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>The attribute definitions could not be read.</source>
        <translation>Die Attributdefinitionen konnten nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>Delete Attribute</source>
        <translation>Attribut löschen</translation>
    </message>
    <message>
        <source>Delete the %1 attribute %2?</source>
        <translation>Das %1-Attribut %2 löschen?</translation>
    </message>
    <message>
        <source>The attribute was not deleted.</source>
        <translation>Das Attribut wurde nicht gelöscht.</translation>
    </message>
</context>
<context>
    <name>Cairn::BulkAttributeDialog</name>
    <message>
        <source>&amp;Remove the attribute from these devices</source>
        <translation>&amp;Attribut von diesen Geräten entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Set Attribute on %n Device(s)</source>
        <translation>
            <numerusform>Attribut für %n Gerät setzen</numerusform>
            <numerusform>Attribut für %n Geräte setzen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Attribute:</source>
        <translation>&amp;Attribut:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Wert:</translation>
    </message>
</context>
<context>
    <name>Cairn::ConnectionDialog</name>
    <message>
        <source>&amp;Remember the password in the system keychain</source>
        <translation>Das Passwort im System-Schlüsselbund &amp;merken</translation>
    </message>
    <message>
        <source>Connect to a Database</source>
        <translation>Mit einer Datenbank verbinden</translation>
    </message>
    <message>
        <source>This computer (SQLite)</source>
        <translation>Dieser Computer (SQLite)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>libpq&apos;s default (prefer)</source>
        <translation>Vorgabe von libpq (prefer)</translation>
    </message>
    <message>
        <source>&amp;TLS:</source>
        <translation>&amp;TLS:</translation>
    </message>
    <message>
        <source>From the keychain, when it holds one</source>
        <translation>Aus dem Schlüsselbund, wenn er eines enthält</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;New Profile</source>
        <translation>&amp;Neues Profil</translation>
    </message>
    <message>
        <source>De&amp;lete Profile</source>
        <translation>Profil &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Give the profile a name.</source>
        <translation>Geben Sie dem Profil einen Namen.</translation>
    </message>
    <message>
        <source>Another profile has this name.</source>
        <translation>Ein anderes Profil hat diesen Namen.</translation>
    </message>
    <message>
        <source>Name the server.</source>
        <translation>Nennen Sie den Server.</translation>
    </message>
    <message>
        <source>Name the database.</source>
        <translation>Nennen Sie die Datenbank.</translation>
    </message>
    <message>
        <source>Name the database user.</source>
        <translation>Nennen Sie den Datenbankbenutzer.</translation>
    </message>
    <message>
        <source>PostgreSQL %1</source>
        <translation>PostgreSQL %1</translation>
    </message>
    <message>
        <source>Cairn could not open this database: %1</source>
        <translation>Cairn konnte diese Datenbank nicht öffnen: %1</translation>
    </message>
    <message>
        <source>Not a host name or address.</source>
        <translation>Kein Hostname und keine Adresse.</translation>
    </message>
</context>
<context>
    <name>Cairn::CredentialSetDialog</name>
    <message>
        <source>This is the set&apos;s token: toolkit requests name the set by it. It is on the clipboard now, and this is the only time it is shown: Cairn keeps only its hash.</source>
        <translation>Das ist das Token des Satzes: Toolkit-Anfragen benennen den Satz damit. Es liegt jetzt in der Zwischenablage, und nur dieses eine Mal wird es gezeigt: Cairn behält nur seinen Hash.</translation>
    </message>
    <message>
        <source>Edit Credential Set %1</source>
        <translation>Zugangsdatensatz %1 bearbeiten</translation>
    </message>
    <message>
        <source>New Credential Set</source>
        <translation>Neuer Zugangsdatensatz</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>-----BEGIN OPENSSH PRIVATE KEY-----</source>
        <translation>-----BEGIN OPENSSH PRIVATE KEY-----</translation>
    </message>
    <message>
        <source>&amp;Load from File…</source>
        <translation>Aus &amp;Datei laden…</translation>
    </message>
    <message>
        <source>Private &amp;key:</source>
        <translation>Privater &amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Key pass&amp;phrase:</source>
        <translation>Schlüssel-Pass&amp;phrase:</translation>
    </message>
    <message>
        <source>&amp;Enable password:</source>
        <translation>&amp;Enable-Passwort:</translation>
    </message>
    <message>
        <source>The platforms the set may log in to; none ticked means any.</source>
        <translation>Die Plattformen, bei denen sich der Satz anmelden darf; keine angekreuzt heißt jede.</translation>
    </message>
    <message>
        <source>P&amp;latforms:</source>
        <translation>P&amp;lattformen:</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fertig</translation>
    </message>
    <message>
        <source>Load Private Key</source>
        <translation>Privaten Schlüssel laden</translation>
    </message>
    <message>
        <source>That file is not a private key Cairn can read.</source>
        <translation>Diese Datei ist kein privater Schlüssel, den Cairn lesen kann.</translation>
    </message>
</context>
<context>
    <name>Cairn::CredentialSetsTab</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Enthält</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>Plattformen</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt benutzt</translation>
    </message>
    <message>
        <source>&amp;New Set…</source>
        <translation>&amp;Neuer Satz…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>private key</source>
        <translation>privater Schlüssel</translation>
    </message>
    <message>
        <source>enable password</source>
        <translation>Enable-Passwort</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Jede</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Noch nie</translation>
    </message>
    <message>
        <source>Delete Credential Set</source>
        <translation>Zugangsdatensatz löschen</translation>
    </message>
    <message>
        <source>Delete the credential set %1? Requests naming its token stop working at once.</source>
        <translation>Den Zugangsdatensatz %1 löschen? Anfragen, die sein Token nennen, funktionieren sofort nicht mehr.</translation>
    </message>
    <message>
        <source>The credential set was not deleted.</source>
        <translation>Der Zugangsdatensatz wurde nicht gelöscht.</translation>
    </message>
    <message>
        <source>The credential sets could not be read.</source>
        <translation>Die Zugangsdatensätze konnten nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>Cairn::DeviceDetailsWidget</name>
    <message>
        <source>Select a device to see its details.</source>
        <translation>Wählen Sie ein Gerät, um seine Einzelheiten zu sehen.</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Interfaces</source>
        <translation>Schnittstellen</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Select a change to see what it did.</source>
        <translation>Wählen Sie eine Änderung, um zu sehen, was sie bewirkt hat.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Interfaces (%1)</source>
        <translation>Schnittstellen (%1)</translation>
    </message>
    <message>
        <source>Hostname:</source>
        <translation>Hostname:</translation>
    </message>
    <message>
        <source>Site:</source>
        <translation>Standort:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>%1, SSH port %2</source>
        <translation>%1, SSH-Port %2</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>Plattform:</translation>
    </message>
    <message>
        <source>Vendor:</source>
        <translation>Hersteller:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>OS version:</source>
        <translation>OS-Version:</translation>
    </message>
    <message>
        <source>Serial number:</source>
        <translation>Seriennummer:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Angelegt:</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>Geändert:</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>History (%1)</source>
        <translation>Verlauf (%1)</translation>
    </message>
    <message>
        <source>Circuit</source>
        <translation>Leitung</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>Hier</translation>
    </message>
    <message>
        <source>Other end</source>
        <translation>Gegenseite</translation>
    </message>
    <message>
        <source>Circuits</source>
        <translation>Leitungen</translation>
    </message>
    <message>
        <source>(not connected)</source>
        <translation>(nicht verbunden)</translation>
    </message>
    <message>
        <source>Circuits (%1)</source>
        <translation>Leitungen (%1)</translation>
    </message>
</context>
<context>
    <name>Cairn::DeviceDialog</name>
    <message>
        <source>&amp;Hostname:</source>
        <translation>&amp;Hostname:</translation>
    </message>
    <message>
        <source>&amp;IP address:</source>
        <translation>&amp;IP-Adresse:</translation>
    </message>
    <message>
        <source>&amp;Platform:</source>
        <translation>&amp;Plattform:</translation>
    </message>
    <message>
        <source>&amp;Vendor:</source>
        <translation>H&amp;ersteller:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>&amp;Serial number:</source>
        <translation>&amp;Seriennummer:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>New Device</source>
        <translation>Neues Gerät</translation>
    </message>
    <message>
        <source>Edit Device %1</source>
        <translation>Gerät %1 bearbeiten</translation>
    </message>
    <message>
        <source>S&amp;ite:</source>
        <translation>S&amp;tandort:</translation>
    </message>
    <message>
        <source>SSH p&amp;ort:</source>
        <translation>SSH-P&amp;ort:</translation>
    </message>
    <message>
        <source>&amp;Attributes:</source>
        <translation>&amp;Attribute:</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Several values, separated by commas.</source>
        <translation>Mehrere Werte, durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>One of: %1</source>
        <translation>Einer von: %1</translation>
    </message>
</context>
<context>
    <name>Cairn::DeviceListModel</name>
    <message>
        <source>Hostname</source>
        <translation>Hostname</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP-Adresse</translation>
    </message>
    <message>
        <source>Platform</source>
        <comment>i.e. the device&apos;s driver, such as cisco_ios</comment>
        <translation>Plattform</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
</context>
<context>
    <name>Cairn::DeviceSearchBox</name>
    <message>
        <source>Filter by hostname, or a set query such as role=core -vendor=juniper</source>
        <translation>Nach Hostname filtern oder eine Mengenabfrage wie role=core -vendor=juniper</translation>
    </message>
    <message>
        <source>A word filters by hostname. Terms with &apos;=&apos; are an NSoT set query: a=b intersects, +a=b adds, -a=b removes.</source>
        <translation>Ein Wort filtert nach Hostname. Begriffe mit &apos;=&apos; sind eine NSoT-Mengenabfrage: a=b schneidet, +a=b fügt hinzu, -a=b entfernt.</translation>
    </message>
</context>
<context>
    <name>Cairn::GrantDialog</name>
    <message>
        <source>Grant Permission</source>
        <translation>Berechtigung erteilen</translation>
    </message>
    <message>
        <source>%1 (group)</source>
        <translation>%1 (Gruppe)</translation>
    </message>
    <message>
        <source>Empty: every object of the type</source>
        <translation>Leer: jedes Objekt des Typs</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;An:</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Aktion:</translation>
    </message>
    <message>
        <source>&amp;Object type:</source>
        <translation>&amp;Objekttyp:</translation>
    </message>
    <message>
        <source>Object &amp;id:</source>
        <translation>Objekt-&amp;ID:</translation>
    </message>
    <message>
        <source>An object id is a positive whole number.</source>
        <translation>Eine Objekt-ID ist eine positive ganze Zahl.</translation>
    </message>
</context>
<context>
    <name>Cairn::GroupsTab</name>
    <message>
        <source>&amp;New Group…</source>
        <translation>&amp;Neue Gruppe…</translation>
    </message>
    <message>
        <source>&amp;Delete Group</source>
        <translation>Gruppe &amp;löschen</translation>
    </message>
    <message>
        <source>Add &amp;Member…</source>
        <translation>&amp;Mitglied hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove Member</source>
        <translation>Mitglied &amp;entfernen</translation>
    </message>
    <message>
        <source>Group or member</source>
        <translation>Gruppe oder Mitglied</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>New Group</source>
        <translation>Neue Gruppe</translation>
    </message>
    <message>
        <source>Name of the group:</source>
        <translation>Name der Gruppe:</translation>
    </message>
    <message>
        <source>The group was not made.</source>
        <translation>Die Gruppe wurde nicht angelegt.</translation>
    </message>
    <message>
        <source>Delete Group</source>
        <translation>Gruppe löschen</translation>
    </message>
    <message>
        <source>Delete the group %1? Its members lose what it was granted.</source>
        <translation>Die Gruppe %1 löschen? Ihre Mitglieder verlieren, was ihr erteilt wurde.</translation>
    </message>
    <message>
        <source>The group was not deleted.</source>
        <translation>Die Gruppe wurde nicht gelöscht.</translation>
    </message>
    <message>
        <source>Add Member</source>
        <translation>Mitglied hinzufügen</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>The members were not changed.</source>
        <translation>Die Mitglieder wurden nicht geändert.</translation>
    </message>
</context>
<context>
    <name>Cairn::InventoryPage</name>
    <message>
        <source>&amp;New Device…</source>
        <translation>&amp;Neues Gerät…</translation>
    </message>
    <message>
        <source>&amp;Edit Device…</source>
        <translation>Gerät &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete Devices</source>
        <translation>Geräte &amp;löschen</translation>
    </message>
    <message>
        <source>Set &amp;Attribute…</source>
        <translation>&amp;Attribut setzen…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>The device cannot be opened.</source>
        <translation>Das Gerät kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>Delete Devices</source>
        <translation>Geräte löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n device(s), with their interfaces and addresses?</source>
        <translation>
            <numerusform>%n Gerät mit seinen Schnittstellen und Adressen löschen?</numerusform>
            <numerusform>%n Geräte mit ihren Schnittstellen und Adressen löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>The devices were not deleted.</source>
        <translation>Die Geräte wurden nicht gelöscht.</translation>
    </message>
    <message>
        <source>Attribute De&amp;finitions…</source>
        <translation>Attribut&amp;definitionen…</translation>
    </message>
    <message>
        <source>What the current site&apos;s devices, networks, interfaces and circuits may carry, and the rules</source>
        <translation>Was Geräte, Netze, Schnittstellen und Leitungen des aktuellen Standorts tragen dürfen, und die Regeln</translation>
    </message>
</context>
<context>
    <name>Cairn::InventoryTreeModel</name>
    <message>
        <source>All sites</source>
        <translation>Alle Standorte</translation>
    </message>
</context>
<context>
    <name>Cairn::IpSpacePage</name>
    <message>
        <source>&amp;New Network…</source>
        <translation>&amp;Neues Netz…</translation>
    </message>
    <message>
        <source>Next Free &amp;Networks…</source>
        <translation>Nächste freie &amp;Netze…</translation>
    </message>
    <message>
        <source>Next Free &amp;Addresses…</source>
        <translation>Nächste freie &amp;Adressen…</translation>
    </message>
    <message>
        <source>Mark &amp;Reserved</source>
        <translation>Als &amp;reserviert markieren</translation>
    </message>
    <message>
        <source>Mark A&amp;llocated</source>
        <translation>Als &amp;vergeben markieren</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>The state was not changed.</source>
        <translation>Der Zustand wurde nicht geändert.</translation>
    </message>
    <message>
        <source>Delete %1? What it holds moves up to its parent.</source>
        <translation>%1 löschen? Was es enthält, rückt zu seinem übergeordneten Netz auf.</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>%1 löschen?</translation>
    </message>
    <message>
        <source>Delete Network</source>
        <translation>Netz löschen</translation>
    </message>
    <message>
        <source>The network was not deleted.</source>
        <translation>Das Netz wurde nicht gelöscht.</translation>
    </message>
    <message>
        <source>Assign to &amp;Interface…</source>
        <translation>Einer &amp;Schnittstelle zuweisen…</translation>
    </message>
    <message>
        <source>Put the chosen address on an interface of one of the site&apos;s devices</source>
        <translation>Die gewählte Adresse einer Schnittstelle eines Geräts dieses Standorts zuweisen</translation>
    </message>
</context>
<context>
    <name>Cairn::JobListModel</name>
    <message>
        <source>Queued</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Partly failed</source>
        <translation>Teilweise fehlgeschlagen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>Cairn::JobsPanel</name>
    <message>
        <source>&amp;Cancel Job</source>
        <translation>Auftrag &amp;abbrechen</translation>
    </message>
    <message>
        <source>The job was not cancelled.</source>
        <translation>Der Auftrag wurde nicht abgebrochen.</translation>
    </message>
</context>
<context>
    <name>Cairn::MainWindow</name>
    <message>
        <source>Cairn</source>
        <translation>Cairn</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Inventar</translation>
    </message>
    <message>
        <source>Topology</source>
        <translation>Topologie</translation>
    </message>
    <message>
        <source>Automation</source>
        <translation>Automatisierung</translation>
    </message>
    <message>
        <source>Services, workflows, runs and their results, scheduled tasks.</source>
        <translation>Dienste, Workflows, Läufe und ihre Ergebnisse, geplante Aufgaben.</translation>
    </message>
    <message>
        <source>Toolkit</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <source>Approved commands, run on devices over SSH, with their logs.</source>
        <translation>Freigegebene Befehle, per SSH auf Geräten ausgeführt, mit ihren Protokollen.</translation>
    </message>
    <message>
        <source>Virtualisation</source>
        <translation>Virtualisierung</translation>
    </message>
    <message>
        <source>Hypervisors and their machines, actions and transactions.</source>
        <translation>Hypervisoren und ihre Maschinen, Aktionen und Transaktionen.</translation>
    </message>
    <message>
        <source>Provisioning</source>
        <translation>Bereitstellung</translation>
    </message>
    <message>
        <source>Switches bootstrapping through zero-touch provisioning.</source>
        <translation>Switches, die sich per Zero-Touch-Provisioning einrichten.</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Cairn</source>
        <translation>Über &amp;Cairn</translation>
    </message>
    <message>
        <source>About Cairn</source>
        <translation>Über Cairn</translation>
    </message>
    <message>
        <source>Cairn %1 — one tool for a network and the machines on it.</source>
        <translation>Cairn %1 — ein Werkzeug für ein Netzwerk und die Maschinen darin.</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>Follow the &amp;Desktop</source>
        <translation>Wie die &amp;Arbeitsumgebung</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>D&amp;ark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>Signed in as %1 (administrator)</source>
        <translation>Angemeldet als %1 (Administrator)</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>IP Space</source>
        <translation>IP-Adressraum</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>&amp;Start REST Server…</source>
        <translation>REST-Server &amp;starten…</translation>
    </message>
    <message>
        <source>S&amp;top REST Server</source>
        <translation>REST-Server s&amp;toppen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Search devices: hostname or set query (Ctrl+K)</source>
        <translation>Geräte suchen: Hostname oder Mengenabfrage (Strg+K)</translation>
    </message>
    <message>
        <source>No jobs running</source>
        <translation>Keine Aufträge laufen</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n Auftrag läuft</numerusform>
            <numerusform>%n Aufträge laufen</numerusform>
        </translation>
    </message>
    <message>
        <source>Start REST Server</source>
        <translation>REST-Server starten</translation>
    </message>
    <message>
        <source>Listen on (HOST:PORT):</source>
        <translation>Lauschen auf (HOST:PORT):</translation>
    </message>
    <message>
        <source>The REST server did not start.</source>
        <translation>Der REST-Server ist nicht gestartet.</translation>
    </message>
    <message>
        <source>REST server stopped</source>
        <translation>REST-Server gestoppt</translation>
    </message>
    <message>
        <source>REST server at %1</source>
        <translation>REST-Server unter %1</translation>
    </message>
    <message>
        <source>The account %1 was deleted or deactivated.</source>
        <translation>Das Konto %1 wurde gelöscht oder deaktiviert.</translation>
    </message>
    <message>
        <source>The administrator rights of %1 changed.</source>
        <translation>Die Administratorrechte von %1 haben sich geändert.</translation>
    </message>
    <message>
        <source>The password of %1 changed.</source>
        <translation>Das Passwort von %1 wurde geändert.</translation>
    </message>
    <message>
        <source>Start Cairn again to sign in.</source>
        <translation>Starten Sie Cairn neu, um sich anzumelden.</translation>
    </message>
    <message>
        <source>Quit Cairn</source>
        <translation>Cairn beenden</translation>
    </message>
    <message>
        <source>Jobs of this program still running: %1</source>
        <translation>Noch laufende Aufträge dieses Programms: %1</translation>
    </message>
    <message>
        <source>Quitting asks them to stop. Those still running %1 s later end as interrupted.</source>
        <translation>Beim Beenden werden sie gebeten anzuhalten. Aufträge, die %1 s später noch laufen, enden als unterbrochen.</translation>
    </message>
    <message>
        <source>&amp;Stop Jobs and Quit</source>
        <translation>Aufträge &amp;stoppen und beenden</translation>
    </message>
</context>
<context>
    <name>Cairn::NetworkDialog</name>
    <message>
        <source>New Network</source>
        <translation>Neues Netz</translation>
    </message>
    <message>
        <source>10.20.0.0/16, 2001:db8::/48 or one address</source>
        <translation>10.20.0.0/16, 2001:db8::/48 oder eine Adresse</translation>
    </message>
    <message>
        <source>&amp;Network:</source>
        <translation>&amp;Netz:</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>&amp;Zustand:</translation>
    </message>
</context>
<context>
    <name>Cairn::NetworkStates</name>
    <message>
        <source>Allocated</source>
        <translation>Vergeben</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Reserviert</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Zugewiesen</translation>
    </message>
    <message>
        <source>Orphaned</source>
        <translation>Verwaist</translation>
    </message>
</context>
<context>
    <name>Cairn::NetworkTreeModel</name>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Belegt</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
</context>
<context>
    <name>Cairn::NewTokenDialog</name>
    <message>
        <source>&amp;Read-only: the token may only view</source>
        <translation>&amp;Nur lesen: das Token darf nur ansehen</translation>
    </message>
    <message>
        <source>New API Token</source>
        <translation>Neues API-Token</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Expires after:</source>
        <translation>&amp;Läuft ab nach:</translation>
    </message>
    <message>
        <source>This is the token&apos;s key. It is on the clipboard now, and this is the only time it is shown: Cairn keeps only its hash.</source>
        <translation>Das ist der Schlüssel des Tokens. Er liegt jetzt in der Zwischenablage, und er wird nur dieses eine Mal gezeigt: Cairn speichert nur seinen Hash.</translation>
    </message>
    <message>
        <source>&amp;Make Token</source>
        <translation>Token &amp;erstellen</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fertig</translation>
    </message>
</context>
<context>
    <name>Cairn::NextFreeDialog</name>
    <message>
        <source>Only space no network or address takes up (&amp;strict)</source>
        <translation>Nur Raum, den kein Netz und keine Adresse belegt (&amp;strikt)</translation>
    </message>
    <message>
        <source>Next Free Networks in %1</source>
        <translation>Nächste freie Netze in %1</translation>
    </message>
    <message>
        <source>Next Free Addresses in %1</source>
        <translation>Nächste freie Adressen in %1</translation>
    </message>
    <message>
        <source>&amp;Prefix length:</source>
        <translation>&amp;Präfixlänge:</translation>
    </message>
    <message>
        <source>&amp;How many:</source>
        <translation>&amp;Wie viele:</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>&amp;Zustand:</translation>
    </message>
    <message>
        <source>Free now:</source>
        <translation>Jetzt frei:</translation>
    </message>
    <message>
        <source>&amp;Allocate</source>
        <translation>&amp;Vergeben</translation>
    </message>
</context>
<context>
    <name>Cairn::PermissionsTab</name>
    <message>
        <source>&amp;Grant…</source>
        <translation>&amp;Erteilen…</translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>&amp;Widerrufen</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Object type</source>
        <translation>Objekttyp</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>%1 (group)</source>
        <translation>%1 (Gruppe)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>The permission was not revoked.</source>
        <translation>Die Berechtigung wurde nicht widerrufen.</translation>
    </message>
</context>
<context>
    <name>Cairn::ShownOnceKey</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
</context>
<context>
    <name>Cairn::SignInDialog</name>
    <message>
        <source>Sign In to Cairn</source>
        <translation>Bei Cairn anmelden</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the first administrator with
    cairn user add NAME --superuser --password-stdin
and sign in as them.</source>
        <translation>Diese Datenbank hat noch keine Benutzer. Legen Sie den ersten Administrator mit
    cairn user add NAME --superuser --password-stdin
an und melden Sie sich als dieser an.</translation>
    </message>
    <message>
        <source>&amp;Sign In</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
    <message>
        <source>C&amp;onnection…</source>
        <translation>&amp;Verbindung…</translation>
    </message>
    <message>
        <source>Work on another database: this computer&apos;s, or a PostgreSQL server</source>
        <translation>Mit einer anderen Datenbank arbeiten: der dieses Computers oder einem PostgreSQL-Server</translation>
    </message>
</context>
<context>
    <name>Cairn::SiteListWidget</name>
    <message>
        <source>All sites</source>
        <translation>Alle Standorte</translation>
    </message>
</context>
<context>
    <name>Cairn::StopJobsDialog</name>
    <message>
        <source>Stopping Jobs</source>
        <translation>Aufträge werden gestoppt</translation>
    </message>
    <message>
        <source>Each job was asked to stop. Those still running when the time is up end as interrupted: Cairn cleans up after them when it next starts, or another server sharing the database does.</source>
        <translation>Jeder Auftrag wurde gebeten anzuhalten. Aufträge, die nach Ablauf der Zeit noch laufen, enden als unterbrochen: Cairn räumt beim nächsten Start hinter ihnen auf, oder ein anderer Server mit derselben Datenbank tut es.</translation>
    </message>
    <message>
        <source>&amp;Quit Now</source>
        <translation>&amp;Jetzt beenden</translation>
    </message>
    <message>
        <source>%1: %2 running</source>
        <translation>%1: %2 laufend</translation>
    </message>
    <message>
        <source>Waiting for jobs to stop: %1</source>
        <translation>Warte auf das Anhalten der Aufträge: %1</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>noch %1 s</translation>
    </message>
</context>
<context>
    <name>Cairn::TokensTab</name>
    <message>
        <source>&amp;New Token…</source>
        <translation>&amp;Neues Token…</translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>&amp;Widerrufen</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt benutzt</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Voll</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Noch nie</translation>
    </message>
    <message>
        <source>Revoke Token</source>
        <translation>Token widerrufen</translation>
    </message>
    <message>
        <source>Revoke the token %1? Scripts using it stop working at once.</source>
        <translation>Das Token %1 widerrufen? Skripte, die es benutzen, funktionieren sofort nicht mehr.</translation>
    </message>
    <message>
        <source>The token was not revoked.</source>
        <translation>Das Token wurde nicht widerrufen.</translation>
    </message>
</context>
<context>
    <name>Cairn::TopologyImageWriter</name>
    <message>
        <source>The picture could not be written there.</source>
        <translation>Das Bild konnte dort nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Choose a file name ending in .png or .svg.</source>
        <translation>Wählen Sie einen Dateinamen, der auf .png oder .svg endet.</translation>
    </message>
    <message>
        <source>Network topology</source>
        <translation>Netzwerktopologie</translation>
    </message>
</context>
<context>
    <name>Cairn::TopologyPage</name>
    <message>
        <source>Virtual &amp;machines</source>
        <translation>Virtuelle &amp;Maschinen</translation>
    </message>
    <message>
        <source>&amp;Arrange Automatically</source>
        <translation>Automatisch an&amp;ordnen</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>An &amp;Fenster anpassen</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>E&amp;xport Picture…</source>
        <translation>Bild e&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Show each hypervisor&apos;s virtual machines under it. A hypervisor named as a device is that device.</source>
        <translation>Zeigt unter jedem Hypervisor seine virtuellen Maschinen. Ein Hypervisor, der wie ein Gerät heißt, ist dieses Gerät.</translation>
    </message>
    <message>
        <source>Lay every shown node out anew with Graphviz; your arrangement is replaced</source>
        <translation>Ordnet alle gezeigten Knoten mit Graphviz neu an; Ihre Anordnung wird ersetzt</translation>
    </message>
    <message>
        <source>the first %1 of %2 devices by name: choose a site or a query to see the others</source>
        <translation>die ersten %1 von %2 Geräten nach Namen: Wählen Sie einen Standort oder eine Abfrage, um die anderen zu sehen</translation>
    </message>
    <message>
        <source>Export Picture</source>
        <translation>Bild exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>The picture was not exported.</source>
        <translation>Das Bild wurde nicht exportiert.</translation>
    </message>
    <message>
        <source>Arranging %1 nodes with Graphviz…</source>
        <translation>Ordne %1 Knoten mit Graphviz an…</translation>
    </message>
    <message>
        <source>Devices: %1</source>
        <translation>Geräte: %1</translation>
    </message>
    <message>
        <source>Links: %1</source>
        <translation>Verbindungen: %1</translation>
    </message>
    <message>
        <source>Virtual machines: %1</source>
        <translation>Virtuelle Maschinen: %1</translation>
    </message>
    <message>
        <source>The topology could not be arranged: %1</source>
        <translation>Die Topologie konnte nicht angeordnet werden: %1</translation>
    </message>
    <message>
        <source>The arrangement could not be saved: %1</source>
        <translation>Die Anordnung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Originalgröße</translation>
    </message>
</context>
<context>
    <name>Cairn::UserDialog</name>
    <message>
        <source>New User</source>
        <translation>Neuer Benutzer</translation>
    </message>
    <message>
        <source>Set the Password of %1</source>
        <translation>Passwort von %1 setzen</translation>
    </message>
    <message>
        <source>&amp;Administrator: may do everything</source>
        <translation>&amp;Administrator: darf alles</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Confirm:</source>
        <translation>&amp;Bestätigen:</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter unterscheiden sich.</translation>
    </message>
</context>
<context>
    <name>Cairn::UsersTab</name>
    <message>
        <source>&amp;Add User…</source>
        <translation>Benutzer &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Set &amp;Password…</source>
        <translation>&amp;Passwort setzen…</translation>
    </message>
    <message>
        <source>&amp;Delete User</source>
        <translation>Benutzer &amp;löschen</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Delete User</source>
        <translation>Benutzer löschen</translation>
    </message>
    <message>
        <source>Delete the user %1, with their tokens and grants?</source>
        <translation>Den Benutzer %1 mit seinen Token und Berechtigungen löschen?</translation>
    </message>
    <message>
        <source>The user was not deleted.</source>
        <translation>Der Benutzer wurde nicht gelöscht.</translation>
    </message>
</context>
</TS>
