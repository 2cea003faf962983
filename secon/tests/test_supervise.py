"""bin/supervise (used by bin/run for the task worker): a command that dies is started again, and
stopping the supervisor stops the command, so one crashed worker never takes the site down."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_a_crashing_command_is_started_again_and_stopped_with_the_supervisor(tmp_path: Path) -> None:
    log = tmp_path / "starts"
    pid_file = tmp_path / "pid"
    # Each start is logged; the first two crash at once, the third stays up like a healthy worker.
    script = (
        f'echo start >> {log}; [ "$(wc -l < {log})" -ge 3 ] || exit 3; echo $$ > {pid_file}; exec sleep 60'
    )
    supervisor = subprocess.Popen(
        [str(ROOT / "bin" / "supervise"), "test worker", "sh", "-c", script],
        env={**os.environ, "SUPERVISE_DELAY": "0.1"},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 10
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert log.read_text().count("start") == 3
        assert supervisor.poll() is None
        worker = int(pid_file.read_text())
    finally:
        supervisor.send_signal(signal.SIGTERM)
        _out, errors = supervisor.communicate(timeout=10)
    assert "the test worker exited (status 3)" in errors
    assert supervisor.returncode == 0
    time.sleep(0.1)
    assert not Path(f"/proc/{worker}").exists() or "zombie" in Path(f"/proc/{worker}/status").read_text()
