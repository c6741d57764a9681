#!/usr/bin/python3
"""Debian's python3-textfsm on the same templates and texts as Cairn's TextFSM engine.

Reads a JSON list of cases, {"id", "template", "text"} ("text" may be null: the template alone
is checked), from standard input and writes, per case, {"id", "header", "rows"} or
{"id", "stage": "template" | "parse", "error"}.
"""
import io
import json
import sys

import textfsm


def run(case):
    try:
        fsm = textfsm.TextFSM(io.StringIO(case["template"], newline=None))
    except textfsm.TextFSMTemplateError as error:
        return {"id": case["id"], "stage": "template", "error": str(error)}
    if case["text"] is None:
        return {"id": case["id"], "header": fsm.header, "rows": []}
    try:
        rows = fsm.ParseText(case["text"])
    except textfsm.TextFSMError as error:
        return {"id": case["id"], "stage": "parse", "error": str(error)}
    return {"id": case["id"], "header": fsm.header, "rows": rows}


json.dump([run(case) for case in json.load(sys.stdin)], sys.stdout)
