#!/usr/bin/env python3
"""A fake Arista switch API (eAPI JSON-RPC) for the ZTP bootstrap tests.

    fake_eapi.py --facts FACTS.json --log COMMANDS.jsonl [--port N]

Serves POST /command-api on 127.0.0.1 (port 0, the default, picks a free port), prints exactly
`PORT <n>` on standard output once listening, and serves until SIGTERM (exit status 0).
Point the bootstrap client at it with CAIRN_ZTP_DEVICE_API=http://127.0.0.1:<n>/command-api.

FACTS.json:
    {"model": "DCS-7050TX-64", "serialnumber": "JPE123", "systemmac": "00:1c:73:aa:bb:cc",
     "version": "4.28.3M",
     "neighbors": [{"port": "Ethernet1", "neighborDevice": "spine1",
                    "neighborPort": "Ethernet3"}],
     "running_config": "hostname leaf1\\n"}          (optional; default "! empty\\n")

Answers, per command of a runCmds request:
    show version           {modelName, serialNumber, systemMacAddress, version} from the facts
    show lldp neighbors    {"lldpNeighbors": [{port, neighborDevice, neighborPort, ttl: 120}]}
    show running-config    {"output": running_config} (in either format)
    any other show ...     JSON-RPC error 1002 (invalid command) for the whole request
    anything else          {} (enable, configure, end, config lines, copy ..., reload now)
In text format, show version and show lldp neighbors answer {"output": <the JSON, indented>}.

Every request is appended to COMMANDS.jsonl as one line {"cmds": [...], "format": "json"|"text"},
before it is answered (failed ones included).
"""

import argparse
import http.server
import json
import signal
import sys
import threading

INVALID_COMMAND = 1002


class InvalidCommand(Exception):
    pass


class FakeSwitch:
    def __init__(self, facts, log_path):
        self.facts = facts
        self.log_path = log_path
        self.log_lock = threading.Lock()

    def record(self, cmds, output_format):
        line = json.dumps({"cmds": cmds, "format": output_format})
        with self.log_lock, open(self.log_path, "a", encoding="utf-8") as log:
            log.write(line + "\n")

    def answer(self, command, output_format):
        normalized = " ".join(command.split()).lower()
        if normalized == "show running-config":
            return {"output": self.facts.get("running_config", "! empty\n")}
        if normalized == "show version":
            result = {"modelName": self.facts["model"],
                      "serialNumber": self.facts["serialnumber"],
                      "systemMacAddress": self.facts["systemmac"],
                      "version": self.facts["version"]}
        elif normalized == "show lldp neighbors":
            result = {"lldpNeighbors": [
                {"port": entry["port"], "neighborDevice": entry["neighborDevice"],
                 "neighborPort": entry["neighborPort"], "ttl": 120}
                for entry in self.facts.get("neighbors", [])]}
        elif normalized.startswith("show "):
            raise InvalidCommand(command)
        else:
            return {}
        if output_format == "text":
            return {"output": json.dumps(result, indent=2) + "\n"}
        return result

    def run_cmds(self, request_id, params):
        cmds = list(params.get("cmds", []))
        output_format = params.get("format", "json")
        self.record(cmds, output_format)
        results = []
        for position, command in enumerate(cmds, start=1):
            try:
                results.append(self.answer(command, output_format))
            except InvalidCommand:
                # Like eAPI: the results so far, then the failing command's errors.
                message = f"CLI command {position} of {len(cmds)} '{command}' failed: " \
                          "invalid command"
                return {"jsonrpc": "2.0", "id": request_id,
                        "error": {"code": INVALID_COMMAND, "message": message,
                                  "data": results + [{"errors": [
                                      f"Invalid input (at token 1: '{command}')"]}]}}
        return {"jsonrpc": "2.0", "id": request_id, "result": results}


def make_handler(switch):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            if self.path != "/command-api":
                self.send_error(404)
                return
            try:
                length = int(self.headers.get("Content-Length", "0"))
                request = json.loads(self.rfile.read(length).decode("utf-8"))
                if request.get("method") != "runCmds":
                    raise ValueError(f"unsupported method {request.get('method')!r}")
                answer = switch.run_cmds(request.get("id"), request.get("params") or {})
            except (ValueError, AttributeError) as error:
                answer = {"jsonrpc": "2.0", "id": None,
                          "error": {"code": -32600, "message": f"invalid request: {error}"}}
            body = json.dumps(answer).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", required=True, help="JSON file with the switch's facts")
    parser.add_argument("--log", required=True, help="file receiving one JSON line per request")
    parser.add_argument("--port", type=int, default=0, help="TCP port (0: any free port)")
    arguments = parser.parse_args()

    with open(arguments.facts, encoding="utf-8") as facts_file:
        facts = json.load(facts_file)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", arguments.port), make_handler(FakeSwitch(facts, arguments.log)))
    # SystemExit unwinds serve_forever, so the socket is closed and the exit status is 0.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
