"""Exit 0 when the PostgreSQL server the test suite would use answers, else 1.

Used by `scripts/test` to decide whether to run the second, PostgreSQL pass.
"""

import os
import sys

import psycopg


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = "postgresql://postgres@127.0.0.1:5432/postgres"
    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3):
            return 0
    except psycopg.Error:
        return 1


if __name__ == "__main__":
    sys.exit(main())
