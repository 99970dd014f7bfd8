"""Run a child process that file modes apply to, also when the tests run as root.

Root bypasses file modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH); ``setpriv`` drops both from
the child's capability bounding set, so an unreadable file or folder is unreadable there too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


def run_python_honouring_modes(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -c script args...`` in a child that cannot bypass file modes."""
    command = [sys.executable, "-c", script, *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file modes cannot be enforced")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)
    if "setpriv:" in done.stderr:
        pytest.skip(f"setpriv cannot drop capabilities here: {done.stderr.strip()[:200]}")
    return done
