"""``python -m wijkpraktijk``: the command line of cli.py."""

import sys

from .cli import main

if __name__ == "__main__":  # spawned worker processes (cache.pmap) import this module under another name
    sys.exit(main())
