"""The README's first command, scripts/demo, runs end to end and cleans up after itself."""

from __future__ import annotations

import os
import re
import subprocess

from .harness import REPO_ROOT


def test_demo_runs_every_step_and_stops_the_emulator():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ANSIBLE_"))}
    proc = subprocess.run(
        [str(REPO_ROOT / "scripts" / "demo")],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    out = proc.stdout
    assert proc.returncode == 0, out[-4000:] + proc.stderr[-4000:]
    url = re.search(r"listening on (http://127\.0\.0\.1:\d+)", out).group(1)
    for step in (
        "1. Request",
        "2. Run it again",
        "3. List",
        "4. Dry run",
        "5. The change for real",
        "6. Release",
        "7. Request two numbers, pool them",
        "8. Run it again",
        "9. Delete the pool",
        "10. A toll-free number and its verification",
        "11. Two weeks later",
        "done",
    ):
        assert step in out
    recaps = re.findall(r"localhost\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=0\s+failed=(\d+)", out)
    # request, request again, list, check, apply, release; pool, pool again, delete and release;
    # a toll-free number and its verification, then the same play once the review approved it
    assert [(int(c), int(f)) for _ok, c, f in recaps] == [
        (1, 0),
        (0, 0),
        (0, 0),
        (1, 0),
        (1, 0),
        (1, 0),
        (2, 0),
        (0, 0),
        (2, 0),
        (2, 0),
        (0, 0),
    ]
    assert "is SUBMITTED" in out and "is COMPLETE" in out  # the verification, submitted, then approved
    assert "+    deletion_protection_enabled: true" in out  # the --diff of step 4 shows the change
    # Nothing the user must read is masked as if it were a secret.
    assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" not in out
    assert "Name: demo-alerts" in out
    # The emulator is gone once the demo has returned.
    port = url.rsplit(":", 1)[1]
    probe = subprocess.run(["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port], capture_output=True, check=False)
    assert probe.returncode != 0
