"""The API contract suite (tests/test_api_fuzz.py) at length: many more generated requests
per operation than `make test` sends, same checks, same seed (or another).

    .venv/bin/python benchmarks/api_contract.py [--examples 500] [--seed 20261201]
    bash scripts/with_postgres.sh .venv/bin/python benchmarks/api_contract.py --examples 300

Prints the operations, requests, statuses and time, then PASSED or FAILED with every
disagreement between /api/openapi.json and the code that schemathesis found.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500, help="per operation and mode")
    parser.add_argument("--seed", type=int, default=None, help="another hypothesis seed")
    options = parser.parse_args()
    env = dict(os.environ, RUTA_API_FUZZ_EXAMPLES=str(options.examples))
    if options.seed is not None:
        env["RUTA_API_FUZZ_SEED"] = str(options.seed)
    print(f"API contract: {options.examples} generated requests per operation and mode …")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_api_fuzz.py", "-q", "-s"],
        cwd=ROOT,
        env=env,
        check=False,
    )
    elapsed = time.monotonic() - started
    verdict = "PASSED" if result.returncode == 0 else "FAILED"
    print(f"API contract benchmark: {verdict} in {elapsed:.0f} s (pytest exit {result.returncode})")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
