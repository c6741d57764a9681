#!/usr/bin/env python3
"""A network device's CLI, for OpenSSH's ForceCommand in the test harness.

    device_emulator.py PLATFORM HOSTNAME

Interactive sessions get a prompt loop (user and privileged modes, `enable` with a password,
a configuration mode, paging with a --More-- prompt until paging is turned off, a slow command,
`% Invalid input` for unknown commands). An exec request (SSH_ORIGINAL_COMMAND) runs one command
and exits with its status. Like a real device it does its own echo: the terminal's echo is
turned off and each line is written back after it is read, so typed-ahead input never
interleaves with prompts.
"""
import os
import sys
import termios
import time

PLATFORM = sys.argv[1] if len(sys.argv) > 1 else "cisco_ios"
HOSTNAME = sys.argv[2] if len(sys.argv) > 2 else "R1"
ENABLE_PASSWORD = os.environ.get("DEVICE_ENABLE_PASSWORD", "enable-secret")
SLOW_SECONDS = float(os.environ.get("DEVICE_SLOW_SECONDS", "3"))
PAGE_LINES = 24

VERSIONS = {
    "cisco_ios": """Cisco IOS Software, ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 15.5(3)S5, RELEASE SOFTWARE (fc2)
Technical Support: http://www.cisco.com/techsupport
ROM: IOS-XE ROMMON
{host} uptime is 4 weeks, 2 days, 3 hours, 12 minutes
System image file is "bootflash:isr4400-universalk9.03.16.05.S.155-3.S5-ext.SPA.bin"
cisco ISR4451-X/K9 (2RU) processor with 1687137K/6147K bytes of memory.
Processor board ID FTX1842AHM5
4 Gigabit Ethernet interfaces
Configuration register is 0x2102""",
    "arista_eos": """Arista DCS-7050TX-64-R
Hardware version:    01.11
Serial number:       JPE16121234
System MAC address:  001c.7312.3456

Software image version: 4.20.1F
Architecture:           i386
Uptime:                 2 weeks, 1 day, 4 hours and 9 minutes""",
    "juniper_junos": """Hostname: {host}
Model: mx480
Junos: 18.2R3.4
JUNOS OS Kernel 64-bit  [20190517.f0321c3_builder_stable_11]""",
    "linux": """Linux {host} 6.1.0-13-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 x86_64 GNU/Linux""",
}
INTERFACES = """Interface              IP-Address      OK? Method Status                Protocol
GigabitEthernet0/0/0   192.0.2.1       YES NVRAM  up                    up
GigabitEthernet0/0/1   198.51.100.1    YES NVRAM  up                    up
GigabitEthernet0/0/2   unassigned      YES NVRAM  administratively down down
Loopback0              203.0.113.1     YES NVRAM  up                    up"""


class Device:
    def __init__(self):
        self.privileged = PLATFORM in ("juniper_junos", "linux")
        self.config_context = None  # None, "config" or "config-if"
        self.paging = True

    def prompt(self):
        if PLATFORM == "linux":
            return "admin@%s:~$ " % HOSTNAME
        if PLATFORM == "juniper_junos":
            return "admin@%s%s " % (HOSTNAME, "#" if self.config_context else ">")
        if self.config_context:
            return "%s(%s)#" % (HOSTNAME, self.config_context)
        return HOSTNAME + ("#" if self.privileged else ">")

    def invalid(self, line):
        if PLATFORM == "juniper_junos":
            return 1, "                  ^\nsyntax error, expecting <command>."
        if PLATFORM == "linux":
            return 127, "-bash: %s: command not found" % line.split()[0]
        return 1, "         ^\n% Invalid input detected at '^' marker."

    def run(self, line):
        """Returns (status, output); output None means nothing is printed."""
        words = line.split()
        if not words:
            return 0, None
        if line in ("terminal length 0", "set cli screen-length 0"):
            self.paging = False
            return 0, None
        if line.startswith("terminal width"):
            return 0, None
        if self.config_context:
            return self.run_config(line)
        if line in ("show version", "uname -a"):
            return 0, VERSIONS.get(PLATFORM, VERSIONS["cisco_ios"]).format(host=HOSTNAME)
        if line in ("show ip interface brief", "show interfaces"):
            return 0, INTERFACES
        if line == "show logging":
            return 0, "\n".join("*Mar  1 00:%02d:00: %%SYS-5-CONFIG_I: line %d" % (i % 60, i)
                                for i in range(1, 61))
        if line in ("show tech-support", "sleep"):
            time.sleep(SLOW_SECONDS)
            return 0, "slow output done"
        if line in ("show large", "show flood"):
            # A few megabytes, or an answer that does not end (for output limits).
            count = 40000 if line == "show large" else 200000
            return 0, "\n".join("%06d %s" % (i, "x" * 70) for i in range(count))
        if line == "show binary":
            return 0, b"bad \xff\xfe bytes".decode("latin-1")
        if line == "show running-config":
            return 0, "hostname %s\n!\ninterface GigabitEthernet0/0/0\n ip address 192.0.2.1 255.255.255.0\n!\nend" % HOSTNAME
        if line in ("configure terminal", "configure") and self.privileged:
            self.config_context = "config"
            if PLATFORM == "juniper_junos":
                return 0, "Entering configuration mode"
            return 0, "Enter configuration commands, one per line.  End with CNTL/Z."
        return self.invalid(line)

    def run_config(self, line):
        if line in ("end", "exit configuration-mode"):
            self.config_context = None
            return 0, None
        if line == "exit":
            self.config_context = "config" if self.config_context == "config-if" else None
            return 0, None
        if line.startswith("interface "):
            self.config_context = "config-if"
            return 0, None
        if line.split()[0] in ("description", "hostname", "ip", "shutdown", "no", "set", "vlan"):
            return 0, None
        return self.invalid(line)


def write(text):
    os.write(1, text.encode("latin-1", "replace") if isinstance(text, str) else text)


def read_line(echo=True):
    """One line from the terminal; the device echoes it itself."""
    data = b""
    while not data.endswith(b"\n") and not data.endswith(b"\r"):
        chunk = os.read(0, 1)
        if not chunk:
            return None
        data += chunk
    line = data.decode("latin-1").strip("\r\n")
    if echo:
        write(line + "\r\n")
    else:
        write("\r\n")
    return line


def page(device, output):
    lines = output.split("\n")
    if not device.paging or len(lines) <= PAGE_LINES:
        write("\r\n".join(lines) + "\r\n")
        return
    for start in range(0, len(lines), PAGE_LINES):
        write("\r\n".join(lines[start:start + PAGE_LINES]) + "\r\n")
        if start + PAGE_LINES >= len(lines):
            return
        write(" --More-- ")
        key = os.read(0, 1)
        write("\r          \r")
        if key in (b"q", b""):
            return


def interactive():
    if os.isatty(0):
        attributes = termios.tcgetattr(0)
        attributes[3] &= ~(termios.ECHO | termios.ICANON)
        termios.tcsetattr(0, termios.TCSANOW, attributes)
    device = Device()
    write("\r\n%s\r\n" % ("Welcome to the emulated " + PLATFORM))
    while True:
        write(device.prompt())
        line = read_line()
        if line is None or line.strip() in ("exit", "quit", "logout") and not device.config_context:
            return 0
        line = line.strip()
        if line == "enable" and not device.privileged:
            write("Password: ")
            if read_line(echo=False) == ENABLE_PASSWORD:
                device.privileged = True
            else:
                write("% Access denied\r\n")
            continue
        _, output = device.run(line)
        if output is not None:
            page(device, output)


def main():
    command = os.environ.get("SSH_ORIGINAL_COMMAND")
    if command is None:
        return interactive()
    device = Device()
    device.privileged = True
    device.paging = False
    status, output = device.run(command.strip())
    if output is not None:
        write(output + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
