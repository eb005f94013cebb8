#!/usr/bin/env python3
"""Independent check of the FAERS background counts (docs/signals.md): the drugs and (case, drug)
pairs that the disproportionality margins count in one quarter's folder, written without the app's
code. A report counts at its case's latest version (legacy AERS: the highest isr of the case),
cases on the DELETE list are left out, and only attributing drug rows count (role_cod PS, SS or I;
catalogue-free, so no row is a withdrawn dopaminergic agent). A drug is its drugname, else its
prod_ai, trimmed, runs of spaces collapsed, upper-cased.

usage: faers-background.py FOLDER [--legacy]   prints: drugs pairs
"""
import glob
import re
import sys


def rows(path):
    with open(path, encoding="latin-1") as f:
        head = f.readline().rstrip("\r\n").split("$")
        for line in f:
            line = line.rstrip("\r\n")
            if line.strip():
                yield dict(zip(head, line.split("$")))


def key(name):
    return re.sub(r"\s+", " ", name.strip()).upper()


def main(folder, legacy):
    deleted = set()
    for path in glob.glob(folder + "/DELETE*"):
        deleted |= {line.strip() for line in open(path, encoding="latin-1") if line.strip()}
    latest = {}
    for r in rows(glob.glob(folder + "/DEMO*")[0]):
        case, report = (r["case"], r["isr"]) if legacy else (r["caseid"], r["primaryid"])
        version = (int(report),) if legacy else (int(r["caseversion"] or 0), int(report))
        if case not in deleted and (case not in latest or version > latest[case][0]):
            latest[case] = (version, report)
    case_of = {report: case for case, (_, report) in latest.items()}
    pairs = set()
    for r in rows(glob.glob(folder + "/DRUG*")[0]):
        report = r["isr"] if legacy else r["primaryid"]
        names = [n for n in (r.get("drugname", ""), r.get("prod_ai", "")) if n and n.strip()]
        if report in case_of and r["role_cod"] in ("PS", "SS", "I") and names:
            pairs.add((case_of[report], key(names[0])))
    print(len({drug for _, drug in pairs}), len(pairs))


if __name__ == "__main__":
    main(sys.argv[1], "--legacy" in sys.argv[2:])
