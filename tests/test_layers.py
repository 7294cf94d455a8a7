"""The house's layers hold: `lint-imports` checks the contracts in pyproject.toml (commands on top, the PIN at
the bottom, no import circles), so a module that reaches upwards fails the test command."""

import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.settings import PROJECT_DIR


def test_the_import_contracts_are_kept():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    result = subprocess.run([lint_imports, "--no-cache"], cwd=PROJECT_DIR, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout
