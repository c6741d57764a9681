#!/usr/bin/python3
"""The reference for the toolkit benchmark: the same executions with Debian's python3-netmiko in
a thread pool, as an operator's script would run them. Prints one JSON object: wall seconds,
CPU seconds of this process (all threads), successes.

    netmiko_reference.py MODE WIDTH EXECUTIONS USER PASSWORD PORT...

MODE "per-execution": each execution connects, runs `show version` and disconnects.
MODE "per-device": each device connects once and runs its share of the executions.
"""
import json
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from netmiko import ConnectHandler

mode, width, executions, user, password = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
ports = [int(p) for p in sys.argv[6:]]


def connect(port):
    return ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=port,
                          username=user, password=password, timeout=30)


def one(port):
    connection = connect(port)
    try:
        return int("Cisco IOS Software" in connection.send_command("show version"))
    finally:
        connection.disconnect()


def several(port, count):
    connection = connect(port)
    try:
        return sum(int("Cisco IOS Software" in connection.send_command("show version"))
                   for _ in range(count))
    finally:
        connection.disconnect()


def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


start_cpu, start = cpu(), time.monotonic()
with ThreadPoolExecutor(max_workers=width) as pool:
    if mode == "per-execution":
        results = list(pool.map(one, [ports[i % len(ports)] for i in range(executions)]))
    else:
        share = executions // len(ports)
        results = list(pool.map(several, ports, [share] * len(ports)))
print(json.dumps({"wall": time.monotonic() - start, "cpu": cpu() - start_cpu,
                  "successes": sum(results)}))
