"""Makes ``ansible_collections.pinpoint.sms_voice`` and ``tests`` importable for the benchmark scripts.

The repository root is the collection root; like tests/conftest.py, a link under
``.tmp/collections`` gives Python the ``ansible_collections/pinpoint/sms_voice`` layout.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / ".tmp" / "collections"))
_LINK = REPO_ROOT / ".tmp" / "collections" / "ansible_collections" / "pinpoint" / "sms_voice"
if not _LINK.exists():
    _LINK.parent.mkdir(parents=True, exist_ok=True)
    _LINK.symlink_to(REPO_ROOT, target_is_directory=True)
