# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-in for the pip bootstrap script that ansible-test downloads for its sanity virtualenvs.

ansible-test creates each sanity test's virtualenv without pip, then runs a
``get-pip.py`` it fetches from a CI file host that this network does not
reach; it looks for that script in its cache first. This stand-in, placed in
that cache by noxfile.py's sanity sessions, does the same job with the pip
wheel bundled in the standard library's ``ensurepip``: it installs the pip
version ansible-test asks for from the package index.
"""

from __future__ import annotations

import ensurepip
import glob
import os
import sys


def main():
    bundled = glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), "_bundled", "pip-*.whl"))
    if not bundled:
        sys.exit("this Python has no bundled pip wheel in ensurepip")
    sys.path.insert(0, bundled[0])
    from pip._internal.cli.main import main as pip_main

    # get-pip.py's own flags: this stand-in never installs setuptools or wheel.
    args = [arg for arg in sys.argv[1:] if arg not in ("--no-setuptools", "--no-wheel")]
    sys.exit(pip_main(["install", "--upgrade", "--force-reinstall", *args]))


if __name__ == "__main__":
    main()
