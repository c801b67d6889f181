"""The provider package a team can lock: same hash everywhere, new hash for new code, mirrors.

A lock file is made on one "machine" (a scratch HOME with the provider installed from this
checkout) and used on a clean "runner" (another empty HOME, no implied mirror) whose mirror
was written by a *different installation* of the provider (a wheel installed elsewhere, run by
another interpreter path) — from a filesystem mirror and from an HTTPS network mirror whose
certificate comes from a private CA that Terraform trusts through ``SSL_CERT_FILE``.
"""

from __future__ import annotations

import http.server
import os
import shutil
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from metafinops_terraform import package
from tests._tls import ca_and_server_cert

from ._tf import PROVIDER_TF, TERRAFORM, home_env, terraform_env

PLATFORM_FLAGS = [f"-platform={p}" for p in package.PLATFORMS]
ADDRESS = "registry.terraform.io/metafinops/metafinops"

HASH_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
from metafinops_terraform import package
files = package.build_files()
print(package.h1_hash(files))
if len(sys.argv) > 2:
    package.write_mirror(__import__("pathlib").Path(sys.argv[2]))
"""


@pytest.fixture(scope="module")
def other_install(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout installed as a wheel into another directory (not editable, other paths).

    Built from a copy of the sources: setuptools' in-tree ``build/`` may hold files a checkout
    no longer has."""
    scratch = tmp_path_factory.mktemp("other-venv")
    root = Path(__file__).resolve().parents[2]
    source = scratch / "source"
    shutil.copytree(
        root,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            ".run",
            "build",
            "*.egg-info",
            "__pycache__",
            "node_modules",
            "typescript",
            "go",
            "pulumi-sdks",
            "pulumi-engine",
            "contract",
            "tests",
            "docs",
            "bench",
        ),
    )
    target = scratch / "site-packages"
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*pip, "--target", str(target), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def _hash_from(site: Path, python: str, mirror: Path | None = None) -> str:
    """The h1 hash as another installation computes it: isolated from this venv's site-packages."""
    args = [python, "-S", "-E", "-c", HASH_SCRIPT, str(site)] + ([str(mirror)] if mirror else [])
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd="/")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _terraform(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TERRAFORM, *args, "-no-color"], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_same_hash_for_every_installation_and_a_new_one_for_new_code(other_install: Path, tmp_path: Path) -> None:
    here = package.h1_hash(package.build_files())
    files = package.build_files()
    launcher = files["terraform-provider-metafinops_v1.0.0"].decode()
    assert launcher.startswith("#!/bin/sh\n")
    assert not any(str(Path(sys.executable).parent) in content.decode(errors="replace") for content in files.values())

    # a wheel installed elsewhere, run by another path to the interpreter (a symlink named python3)
    alias = tmp_path / "bin" / "python3"
    alias.parent.mkdir()
    alias.symlink_to(sys.executable)
    assert _hash_from(other_install, str(alias)) == here
    assert _hash_from(other_install, sys.executable) == here

    # one edited source file: a different package, a different hash
    edited = tmp_path / "edited"
    shutil.copytree(other_install, edited)
    codec = edited / "metafinops_terraform" / "codec.py"
    codec.write_text(codec.read_text() + "\n# a change\n")
    assert _hash_from(edited, sys.executable) != here

    # reproducible archives: the zip's bytes, so its zh: hash, do not depend on when it is built
    assert package.zip_bytes(files) == package.zip_bytes(package.build_files())


@pytest.fixture
def https_mirror(tmp_path: Path, other_install: Path) -> Iterator[tuple[str, Path]]:
    """The other installation's mirror served over HTTPS on 127.0.0.1: (URL, CA file)."""
    root = tmp_path / "network-mirror"
    _hash_from(other_install, sys.executable, root)
    ca_path, cert_path, key_path = ca_and_server_cert(tmp_path)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://localhost:{server.server_address[1]}/", ca_path
    finally:
        server.shutdown()
        server.server_close()


def _clean_runner(tmp_path: Path, name: str, cli_config: str, lock: str) -> tuple[Path, dict[str, str]]:
    home = tmp_path / f"{name}-home"
    (home / ".config").mkdir(parents=True)
    work = tmp_path / f"{name}-work"
    work.mkdir()
    (work / "provider.tf").write_text(PROVIDER_TF)
    (work / ".terraform.lock.hcl").write_text(lock)
    config = tmp_path / f"{name}.tfrc"
    config.write_text(cli_config)
    env = terraform_env(config, home, {"METAFINOPS_PROVIDER_PYTHON": sys.executable})
    return work, env


def test_lock_for_four_platforms_then_init_on_clean_runners_from_both_mirrors(
    tmp_path: Path, other_install: Path, https_mirror: tuple[str, Path]
) -> None:
    # machine A: a mirror written by this checkout; the lock for all four platforms, offline
    mirror_a = tmp_path / "mirror-a"
    written = subprocess.run(
        [sys.executable, "-m", "metafinops.cli", "provider", "mirror", str(mirror_a)],
        env={**os.environ, **home_env(tmp_path / "machine-a")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert written.returncode == 0, written.stderr
    files = package.build_files()
    h1, zh = package.h1_hash(files), package.zh_hash(package.zip_bytes(files))
    assert h1 in written.stdout and zh in written.stdout
    machine_a = tmp_path / "machine-a-work"
    machine_a.mkdir()
    (machine_a / "provider.tf").write_text(PROVIDER_TF)
    env_a = terraform_env(tmp_path / "empty.tfrc", tmp_path / "machine-a", {"HTTPS_PROXY": "http://127.0.0.1:9"})
    (tmp_path / "empty.tfrc").write_text("")
    locked = _terraform(["providers", "lock", f"-fs-mirror={mirror_a}", *PLATFORM_FLAGS], machine_a, env_a)
    assert locked.returncode == 0, locked.stdout + locked.stderr
    lock = (machine_a / ".terraform.lock.hcl").read_text()
    assert h1 in lock, lock
    assert lock == package.lock_file_text([h1]), lock  # a filesystem mirror yields the h1: hash

    # runner B: clean HOME, the committed lock file, a filesystem mirror written by another installation
    mirror_b = tmp_path / "mirror-b"
    assert _hash_from(other_install, sys.executable, mirror_b) == h1
    fs_config = (
        f'provider_installation {{\n  filesystem_mirror {{\n    path = "{mirror_b}"\n  }}\n'
        f'  direct {{\n    exclude = ["{ADDRESS}"]\n  }}\n}}\n'
    )
    work, env = _clean_runner(tmp_path, "fs-runner", fs_config, lock)
    init = _terraform(["init", "-input=false"], work, env)
    assert init.returncode == 0, init.stdout + init.stderr
    assert (work / ".terraform.lock.hcl").read_text() == lock  # verified, not rewritten
    assert _terraform(["validate"], work, env).returncode == 0

    # runner C: clean HOME, the same lock file, an HTTPS network mirror trusted through SSL_CERT_FILE
    url, ca_file = https_mirror
    net_config = (
        f'provider_installation {{\n  network_mirror {{\n    url = "{url}"\n  }}\n'
        f'  direct {{\n    exclude = ["{ADDRESS}"]\n  }}\n}}\n'
    )
    work, env = _clean_runner(tmp_path, "net-runner", net_config, lock)
    untrusted = _terraform(["init", "-input=false"], work, env)
    assert untrusted.returncode != 0  # the private CA is not trusted by default
    shutil.rmtree(work / ".terraform", ignore_errors=True)
    env["SSL_CERT_FILE"] = str(ca_file)
    init = _terraform(["init", "-input=false"], work, env)
    assert init.returncode == 0, init.stdout + init.stderr
    assert (work / ".terraform.lock.hcl").read_text() == lock

    # the network mirror gives the same lock for all four platforms; `metafinops provider lock`
    # writes it without Terraform, with the zip's zh: hash beside (what a registry would add)
    (work / ".terraform.lock.hcl").unlink()
    locked = _terraform(["providers", "lock", f"-net-mirror={url}", *PLATFORM_FLAGS], work, env)
    assert locked.returncode == 0, locked.stdout + locked.stderr
    assert (work / ".terraform.lock.hcl").read_text() == lock
    (work / ".terraform.lock.hcl").write_text(package.lock_file_text([h1, zh]))
    shutil.rmtree(work / ".terraform")
    init = _terraform(["init", "-input=false", "-lockfile=readonly"], work, env)
    assert init.returncode == 0, init.stdout + init.stderr
    ours = subprocess.run(
        [sys.executable, "-m", "metafinops.cli", "provider", "lock", str(tmp_path / "fs-runner-work")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ours.returncode == 0, ours.stderr
    assert (tmp_path / "fs-runner-work" / ".terraform.lock.hcl").read_text() == package.lock_file_text([h1, zh])


def test_a_python_without_the_dependencies_is_named_with_the_fix(tmp_path: Path, tf_template: Path) -> None:
    bare = tmp_path / "bare-venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True, timeout=120)
    work = tmp_path / "work"
    shutil.copytree(tf_template, work, symlinks=True)
    home = tmp_path / "home"
    home.mkdir()
    config = tmp_path / "tfrc"
    config.write_text("")
    env = terraform_env(config, home, {"METAFINOPS_PROVIDER_PYTHON": str(bare / "bin" / "python")})
    result = _terraform(["validate"], work, env)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "lacks grpcio" in output and "pip install 'metafinops[terraform]" in output, output

    # the recorded Python was deleted (a moved venv) and there is no python3 on PATH
    (home / ".config" / "metafinops").mkdir(parents=True)
    (home / ".config" / "metafinops" / "provider-python").write_text(str(tmp_path / "gone" / "bin" / "python") + "\n")
    env = terraform_env(config, home, {"PATH": str(tmp_path / "no-tools")})
    result = _terraform(["validate"], work, env)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "is gone" in output and "metafinops provider install" in output, output


def test_distribution_hygiene(other_install: Path, tmp_path: Path) -> None:
    """The wheel installs no bare top-level `provider` package, and wheel and sdist carry LICENSE."""
    assert (other_install / "metafinops_terraform" / "__main__.py").exists()
    assert not (other_install / "provider").exists()
    licenses = list(other_install.glob("metafinops-*.dist-info/licenses/LICENSE"))
    assert licenses and "Apache License" in licenses[0].read_text()
    root = Path(__file__).resolve().parents[2]
    build = subprocess.run(
        [sys.executable, "-c", f"from setuptools import build_meta; print(build_meta.build_sdist({str(tmp_path)!r}))"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    import tarfile

    with tarfile.open(tmp_path / build.stdout.strip().splitlines()[-1]) as sdist:
        names = sdist.getnames()
    assert any(name.endswith("/LICENSE") and name.count("/") == 1 for name in names), names[:20]
