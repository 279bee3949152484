#!/usr/bin/env python3
"""Fills exp_annotations in the promtool unit tests from the rules' rendered annotations.

Run after editing an annotation template in ../prometheus-rules.yml, then REVIEW the diff: the
rendered text is what operators read (every label must render; no "<no value>"). Only alerts whose
labels already match are touched; label mismatches stay failures for a human to fix.
Usage: python3 alerts/tests/update-annotations.py alerts/tests/*.test.yml
"""
import json
import re
import subprocess
import sys

import yaml

PAIR = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def parse_set(text):
    return {k: json.loads('"' + v + '"') for k, v in PAIR.findall(text)}


def duration(text):
    total, units = 0, {"h": 3600, "m": 60, "s": 1}
    for num, unit in re.findall(r"(\d+)([hms])", text):
        total += int(num) * units[unit]
    return total


def main(paths):
    for path in paths:
        out = subprocess.run(["promtool", "test", "rules", path], capture_output=True, text=True).stderr
        blocks = re.split(r"\n\s+name: ", out)
        fixes = {}
        for block in blocks[1:]:
            head = re.match(r"(.*?),\n\s+alertname: (\w+), time: (\S+), ", block, re.S)
            if not head:
                continue
            name, alert, at = head.group(1), head.group(2), duration(head.group(3))
            got = block.split("got:[", 1)[1]
            items = re.findall(r"Labels:\{(.*?)\}\n\s+Annotations:\{(.*?)\}\n", got)
            fixes[(name, alert, at)] = [(parse_set(l), parse_set(a)) for l, a in items]
        with open(path) as f:
            doc = yaml.safe_load(f)
        for test in doc["tests"]:
            for case in test.get("alert_rule_test", []):
                key = (test["name"], case["alertname"], duration(str(case["eval_time"])))
                if key not in fixes:
                    continue
                got = fixes[key]
                for i, exp in enumerate(case.get("exp_alerts") or []):
                    if i < len(got):
                        labels = {k: v for k, v in got[i][0].items() if k != "alertname"}
                        if {k: str(v) for k, v in exp["exp_labels"].items()} == labels:
                            exp["exp_annotations"] = got[i][1]
        with open(path) as f:
            header = "".join(l for l in f if l.startswith("#"))
        with open(path, "w") as f:
            f.write(header)
            yaml.safe_dump(doc, f, sort_keys=False, width=4096, allow_unicode=True)


if __name__ == "__main__":
    main(sys.argv[1:])
