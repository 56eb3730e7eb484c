"""``python -m tests.emulator --port 0``: serve the emulator over HTTP (see :mod:`tests.emulator.server`)."""

import sys

from tests.emulator.server import main

if __name__ == "__main__":
    sys.exit(main())
