"""Throughput of the 国密 primitives, against the OpenSSL command line doing the same work in the same run.

usage: python bench/gm_bench.py [--mib 256] [--repeat 3] [--sm2 20] [--dir DIR] [--json]

  stream   ours: SM4-CTR encryption of a random file with the SM3 of the ciphertext computed on the way
           (`sm4_ctr_file`, one pass, 1 MiB chunks); standard: `openssl enc -sm4-ctr` to a file, then
           `openssl dgst -sm3` of it. Both read and write the same disk; the file is in the page cache.
  sm2      signatures, verifications, key wraps and unwraps a second (pure-Python gmalg), and one
           `openssl dgst -sm3 -sign` process for scale (its time includes starting OpenSSL).
Prints seconds (the median of --repeat) and the ratio ours/standard (target <= 1.0). Run by hand; the
figures go in docs/gm-suite.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.services.gm import keyfiles, sm2  # noqa: E402
from desktop.services.gm.symmetric import sm4_ctr_file  # noqa: E402


def timed(work: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True)


def stream_bench(folder: Path, mib: int, repeat: int) -> dict[str, float]:
    plain = folder / "plain"
    with plain.open("wb") as f:
        for _ in range(mib):
            f.write(os.urandom(1024 * 1024))
    key, iv = os.urandom(16), os.urandom(16)
    ours_out, theirs_out = folder / "ours.sm4", folder / "theirs.sm4"

    def ours() -> None:
        sm4_ctr_file(key, iv, plain, ours_out)

    def theirs() -> None:
        openssl("enc", "-sm4-ctr", "-K", key.hex(), "-iv", iv.hex(), "-in", str(plain), "-out", str(theirs_out))
        openssl("dgst", "-sm3", str(theirs_out))

    ours_s, theirs_s = timed(ours, repeat), timed(theirs, repeat)
    if ours_out.read_bytes()[:4096] != theirs_out.read_bytes()[:4096]:
        raise SystemExit("ours and OpenSSL's ciphertext differ")
    return {
        "mib": mib,
        "ours_s": ours_s,
        "openssl_s": theirs_s,
        "ratio": ours_s / theirs_s,
        "ours_mib_s": mib / ours_s,
        "openssl_mib_s": mib / theirs_s,
    }


def sm2_bench(folder: Path, count: int) -> dict[str, float]:
    key = sm2.PrivateKey.generate()
    message = os.urandom(300)  # about the size of an SM3SUMS file
    signature = sm2.sign(key, message)
    wrapped = sm2.encrypt(key.public, os.urandom(16))

    def rate(work: Callable[[], object]) -> float:
        start = time.perf_counter()
        for _ in range(count):
            work()
        return count / (time.perf_counter() - start)

    (folder / "key.pem").write_text(keyfiles.encrypt_private_key(key, "bench", iterations=1))
    (folder / "msg").write_bytes(message)
    start = time.perf_counter()
    openssl(
        "dgst", "-sm3", "-sign", str(folder / "key.pem"), "-passin", "pass:bench",
        "-sigopt", "distid:1234567812345678", "-out", str(folder / "msg.sig"), str(folder / "msg"),
    )  # fmt: skip
    openssl_process_s = time.perf_counter() - start
    return {
        "sign_per_s": rate(lambda: sm2.sign(key, message)),
        "verify_per_s": rate(lambda: sm2.verify(key.public, message, signature)),
        "wrap_per_s": rate(lambda: sm2.encrypt(key.public, b"k" * 16)),
        "unwrap_per_s": rate(lambda: sm2.decrypt(key, wrapped)),
        "openssl_sign_process_s": openssl_process_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mib", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sm2", type=int, default=20, help="operations per SM2 figure")
    parser.add_argument("--dir", type=Path, default=None, help="where the test files go (default: a temp dir)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        result = {"stream": stream_bench(folder, args.mib, args.repeat), "sm2": sm2_bench(folder, args.sm2)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    s, k = result["stream"], result["sm2"]
    print(f"SM4-CTR + SM3 of {s['mib']} MiB (median of {args.repeat}):")
    print(f"  ours    {s['ours_s']:7.2f} s  {s['ours_mib_s']:6.0f} MiB/s")
    print(f"  openssl {s['openssl_s']:7.2f} s  {s['openssl_mib_s']:6.0f} MiB/s  (enc -sm4-ctr, then dgst -sm3)")
    print(f"  ratio ours/openssl {s['ratio']:.2f}")
    print(
        f"SM2: {k['sign_per_s']:.1f} signatures/s, {k['verify_per_s']:.1f} verifications/s, "
        f"{k['wrap_per_s']:.1f} key wraps/s, {k['unwrap_per_s']:.1f} unwraps/s; "
        f"one openssl sign process {k['openssl_sign_process_s'] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
