#!/usr/bin/env python3
"""Convert pySBD's English Golden Rule tests to the JSON that
features.TestGoldenRules reads.

Usage: convert.py tests/lang/test_english.py > rules.json

The test file belongs to pySBD (github.com/nipunsadvilkar/pySBD) and is not
part of this repository. The script reads the list GOLDEN_EN_RULES_TEST_CASES
without running the file: each entry is a (text, sentences) tuple or a
pytest.param(text, sentences, ...) call. It writes a JSON array of
{"name", "text", "want"} objects, numbered in file order.
"""
import ast
import json
import sys


def cases(source):
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "GOLDEN_EN_RULES_TEST_CASES"
            for t in node.targets
        ):
            for item in node.value.elts:
                args = item.args if isinstance(item, ast.Call) else item.elts
                yield ast.literal_eval(args[0]), ast.literal_eval(args[1])
            return
    raise SystemExit("convert.py: GOLDEN_EN_RULES_TEST_CASES not found")


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        source = f.read()
    out = [
        {"name": "case %02d" % (i + 1), "text": text, "want": want}
        for i, (text, want) in enumerate(cases(source))
    ]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
