<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Cairn::MainWindow</name>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="20"/>
        <source>Cairn</source>
        <translation>Cairn</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="28"/>
        <source>Inventory</source>
        <translation>Inventar</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="28"/>
        <source>Sites, devices and their interfaces; IP networks; attributes and set queries.</source>
        <translation>Standorte, Geräte und ihre Schnittstellen; IP-Netze; Attribute und Mengenabfragen.</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="30"/>
        <source>Topology</source>
        <translation>Topologie</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="30"/>
        <source>Devices and the links between them, on a map you can arrange.</source>
        <translation>Geräte und ihre Verbindungen auf einer Karte, die Sie anordnen können.</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="31"/>
        <source>Automation</source>
        <translation>Automatisierung</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="31"/>
        <source>Services, workflows, runs and their results, scheduled tasks.</source>
        <translation>Dienste, Workflows, Läufe und ihre Ergebnisse, geplante Aufgaben.</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="32"/>
        <source>Toolkit</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="32"/>
        <source>Approved commands, run on devices over SSH, with their logs.</source>
        <translation>Freigegebene Befehle, per SSH auf Geräten ausgeführt, mit ihren Protokollen.</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="33"/>
        <source>Virtualisation</source>
        <translation>Virtualisierung</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="33"/>
        <source>Hypervisors and their machines, actions and transactions.</source>
        <translation>Hypervisoren und ihre Maschinen, Aktionen und Transaktionen.</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="34"/>
        <source>Provisioning</source>
        <translation>Bereitstellung</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="34"/>
        <source>Switches bootstrapping through zero-touch provisioning.</source>
        <translation>Switches, die sich per Zero-Touch-Provisioning einrichten.</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="35"/>
        <source>Administration</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="35"/>
        <source>Users, groups, permissions, API tokens and server status.</source>
        <translation>Benutzer, Gruppen, Berechtigungen, API-Token und Serverstatus.</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="39"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="40"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="41"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="42"/>
        <source>&amp;About Cairn</source>
        <translation>Über &amp;Cairn</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="43"/>
        <source>About Cairn</source>
        <translation>Über Cairn</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="44"/>
        <source>Cairn %1 — one tool for a network and the machines on it.</source>
        <translation>Cairn %1 — ein Werkzeug für ein Netzwerk und die Maschinen darin.</translation>
    </message>
    <message>
        <location filename="../gui/shell/MainWindow.cpp" line="47"/>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
</context>
</TS>
