#!/usr/bin/env python3
"""Validates a SARIF log on stdin against the OASIS SARIF 2.1.0 JSON schema given as the argument.

The schema is vendored in Tests/Fixtures; the validator is Debian's `python3-jsonschema`, which
`make test-deps` installs with apt when it is missing (never pip: Debian's Python is externally
managed). Exit 0 when valid, 1 with the first errors on stderr when not, 77 when the validator is
unavailable.
"""
import json
import sys

try:
    import jsonschema
except ImportError as error:  # the validator itself is missing
    print(f"validator unavailable: {error}", file=sys.stderr)
    sys.exit(77)

with open(sys.argv[1], encoding="utf-8") as schema_file:
    schema = json.load(schema_file)
document = json.load(sys.stdin)
validator = jsonschema.Draft4Validator(schema)
errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
for error in errors[:10]:
    print(f"{list(error.path)}: {error.message}", file=sys.stderr)
sys.exit(1 if errors else 0)
