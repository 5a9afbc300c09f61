"""Helpers for the 国密 tests: the OpenSSL 3 command line, and the GB/T 32918.5 example key."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.services.gm import sm2

needs_openssl = pytest.mark.skipif(
    shutil.which("openssl") is None, reason="needs the openssl command (scripts/setup.sh test installs it)"
)

# GB/T 32918.5-2017 Annex A (also GM/T 0003.5-2012): the example private key and the fixed k of its examples.
STANDARD_D = 0x3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8
STANDARD_K = 0x59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21
PASSPHRASE = "国密口令：十四五规划"


def openssl(*args: str | Path, cwd: Path | None = None, stdin: bytes = b"") -> bytes:
    """Run `openssl ARGS`; returns stdout, fails the test with stderr when it exits non-zero."""
    done = subprocess.run(["openssl", *map(str, args)], cwd=cwd, input=stdin, capture_output=True, check=False)
    assert done.returncode == 0, f"openssl {' '.join(map(str, args))}: {done.stderr.decode(errors='replace')}"
    return done.stdout


def openssl_fails(*args: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run(["openssl", *map(str, args)], cwd=cwd, capture_output=True, check=False)
    assert done.returncode != 0, f"openssl {' '.join(map(str, args))} accepted it"
    return (done.stdout + done.stderr).decode(errors="replace")


@pytest.fixture(scope="session")
def standard_key() -> sm2.PrivateKey:
    return sm2.PrivateKey.from_secret(STANDARD_D)
