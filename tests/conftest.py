"""Shared pytest setup.

The repository root is the collection root, but Ansible (and the
``ansible_collections.pinpoint.sms_voice`` imports of module_utils) expect it
under ``<path>/ansible_collections/pinpoint/sms_voice``. A symlink under
``.tmp/collections`` provides that layout for unit tests and for the
``ansible-playbook`` runs of the playbook tests.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
COLLECTIONS_ROOT = REPO_ROOT / ".tmp" / "collections"


def _ensure_collection_link() -> None:
    link = COLLECTIONS_ROOT / "ansible_collections" / "pinpoint" / "sms_voice"
    link.parent.mkdir(parents=True, exist_ok=True)
    if not link.exists():
        try:
            link.symlink_to(REPO_ROOT, target_is_directory=True)
        except FileExistsError:  # another xdist worker won the race
            pass


_ensure_collection_link()
if str(COLLECTIONS_ROOT) not in sys.path:
    sys.path.insert(0, str(COLLECTIONS_ROOT))
os.environ.setdefault("ANSIBLE_COLLECTIONS_PATH", str(COLLECTIONS_ROOT))

pytest_plugins = ["tests.emulator.pytest_plugin"]
