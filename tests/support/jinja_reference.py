#!/usr/bin/python3
"""Debian's python3-jinja2 on the same templates and contexts as Cairn's template engine.

Reads a JSON list of cases, {"id", "template", "context"}, from standard input and writes, per
case, {"id", "output"} or {"id", "error"}: Jinja2's defaults with StrictUndefined, as Cairn
renders service fields.
"""
import json
import sys

import jinja2

environment = jinja2.Environment(undefined=jinja2.StrictUndefined)


def run(case):
    try:
        return {"id": case["id"], "output": environment.from_string(case["template"]).render(case["context"])}
    except Exception as error:  # noqa: BLE001 - any failure is what the engine must match
        return {"id": case["id"], "error": f"{type(error).__name__}: {error}"}


json.dump([run(case) for case in json.load(sys.stdin)], sys.stdout)
