#!/usr/bin/env python3
"""Counts the TRX files of a test run: RESULTS_DIR DOTNET_TEST_EXIT SECONDS ALLOW_SKIPS PROJECT...

Prints the failed (and skipped) tests, then the plain closing line "N passed, N failed" (", N skipped" only when
skips are allowed and some happened). Exits 1 when anything failed. Nothing counts as passed unless it ran and
passed: skipped = total - executed (xunit leaves notExecuted at 0); any other outcome, a project without a TRX, a
TRX without tests and a non-zero dotnet test exit with no failed result are failures; without ALLOW_SKIPS a skip is
a failure too.
"""
import glob, os, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
results, rc, seconds, allow_skips, projects = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5:]
passed = failed = skipped = 0
skips, failures, seen = [], [], set()
for fn in sorted(glob.glob(os.path.join(results, "*.trx"))):
    root = ET.parse(fn).getroot()
    c = {k: int(v) for k, v in root.find("t:ResultSummary/t:Counters", ns).attrib.items()}
    names = {d.get("id"): d.get("name") for d in root.iterfind("t:TestDefinitions/t:UnitTest", ns)}
    seen.add(os.path.splitext(os.path.basename(fn))[0])
    outcomes = [(r.get("testName") or names.get(r.get("testId")), r.get("outcome"), r) for r in root.iterfind("t:Results/t:UnitTestResult", ns)]
    total = max(c.get("total", 0), len(outcomes))
    # Skipped is what was never executed (xunit leaves notExecuted at 0); passed needs both the counter and the
    # results to say so; everything else (failed, error, aborted, inconclusive, not runnable, timed out, missing) failed.
    if total == 0:
        failures.append(f"  no test ran in {os.path.basename(fn)}"); failed += 1
    s = total - c.get("executed", 0)
    p = min(c.get("passed", 0), sum(1 for _, o, _ in outcomes if o == "Passed"))
    passed += p; skipped += s; failed += total - p - s
    for name, outcome, r in outcomes:
        if outcome == "NotExecuted":
            why = " ".join(t.strip() for t in r.itertext() if t.strip())
            skips.append(f"  skipped: {name}: {why or 'no reason given'}")
        elif outcome != "Passed":
            failures.append(f"  {outcome.lower()}: {name}")
if skipped and not allow_skips:
    # Strict: a test that did not run is not green. Only the opt-out turns it into a skip.
    failures += [line.replace("  skipped:", "  skipped (fails without CREDWATCH_TEST_ALLOW_SKIPS=1):", 1) for line in skips]
    skips, failed, skipped = [], failed + skipped, 0
for project in projects:
    if project not in seen:
        failures.append(f"  no results from {project} (its test run did not report)"); failed += 1
if rc != 0 and failed == 0:
    failures.append(f"  dotnet test exited with {rc} although no result failed"); failed += 1
for line in skips + failures:
    print(line)
print(f"test.sh: {seconds} s wall time", file=sys.stderr)
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed else 0)
