"""The real Pulumi CLI for the end-to-end tests: built by ``scripts/build-pulumi``, run offline.

Each ``PulumiWorkspace`` has its own ``PULUMI_HOME`` (no installed plugins, no credentials but
its own), a local file backend (``pulumi login file://…``) and a passphrase secrets provider.
Programs run through Pulumi's Python Automation API as *inline* programs: the CLI then talks to
the language server that ``pulumi.automation`` serves in this process (``--client``) instead of
spawning ``pulumi-language-python``, whose Go module the Go module proxy does not serve (see
``pulumi_metafinops/README.md``). Everything else — planning, state, secret encryption, plugin
discovery, the provider's lifecycle — is the engine's own.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "scripts" / "build-pulumi"
EXAMPLE_DIR = ROOT / "examples" / "pulumi"
PROJECT = "metafinops-quickstart"
VENV_BIN = Path(sys.executable).parent
BUILD_TIMEOUT = 3600.0
CLI_TIMEOUT = 300.0


def pulumi_bin_dir() -> Path:
    """Build (first time) or find the cached Pulumi CLI; the build script prints its bin dir last."""
    result = subprocess.run(
        ["bash", str(BUILD_SCRIPT)], capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"scripts/build-pulumi failed:\n{result.stdout}\n{result.stderr}")
    return Path(result.stdout.strip().splitlines()[-1])


def program_from_file(path: Path, replacements: Mapping[str, str] | None = None) -> Callable[[], None]:
    """An inline program that runs a Pulumi program file (optionally with its text edited)."""
    source = path.read_text(encoding="utf-8")
    for old, new in (replacements or {}).items():
        assert source.count(old) == 1, f"{old!r} must occur once in {path}"
        source = source.replace(old, new)

    def program() -> None:
        namespace: dict[str, Any] = {"__name__": "__main__", "__file__": str(path)}
        exec(compile(source, str(path), "exec"), namespace)

    return program


def program_from_source(source: str) -> Callable[[], None]:
    def program() -> None:
        exec(compile(source, "<program>", "exec"), {"__name__": "__main__"})

    return program


@dataclass
class PulumiWorkspace:
    """A project directory, a Pulumi home and a file backend; ``run`` is the ``pulumi`` command."""

    bin_dir: Path
    root: Path
    plugin_on_path: bool = True
    passphrase: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    transcript: list[str] = field(default_factory=list)

    @property
    def project_dir(self) -> Path:
        return self.root / "project"

    @property
    def home(self) -> Path:
        return self.root / "pulumi-home"

    @property
    def backend_url(self) -> str:
        return (self.root / "state").as_uri()

    def env(self) -> dict[str, str]:
        path = [str(self.bin_dir)]
        if self.plugin_on_path:
            path.append(str(VENV_BIN))  # pulumi-resource-metafinops, as `pip install` puts it
        path += [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and Path(p) != VENV_BIN]
        return {
            "PATH": os.pathsep.join(path),
            "HOME": str(self.root),
            "PULUMI_HOME": str(self.home),
            "PULUMI_CONFIG_PASSPHRASE": self.passphrase,
            "PULUMI_SKIP_UPDATE_CHECK": "1",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
            "NO_COLOR": "1",
        }

    def run(self, *args: str, check: bool = True, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """``pulumi ARGS`` in the project directory; output is kept in ``transcript``."""
        result = subprocess.run(
            [str(self.bin_dir / "pulumi"), *args, "--non-interactive"],
            cwd=self.project_dir,
            env=self.env(),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=CLI_TIMEOUT,
            check=False,
        )
        self.transcript += [result.stdout, result.stderr]
        if check and result.returncode != 0:
            output = f"{result.stdout}\n{result.stderr}"
            raise AssertionError(f"pulumi {' '.join(args)} exited {result.returncode}:\n{output}")
        return result

    def stack(self, name: str, program: Callable[[], None]) -> Any:
        """A stack of this project driven by the Automation API with ``program`` inline."""
        from pulumi import automation as auto

        command = auto.PulumiCommand(root=str(self.bin_dir.parent), skip_version_check=False)
        workspace = auto.LocalWorkspace(
            work_dir=str(self.project_dir), program=program, pulumi_command=command, env_vars=self.env()
        )
        return auto.Stack.create_or_select(name, workspace)

    def record(self, result: Any) -> Any:
        """Keep an Automation API result's CLI output in the transcript; return the result."""
        self.transcript += [getattr(result, "stdout", ""), getattr(result, "stderr", "")]
        return result

    def text_seen(self) -> str:
        """All the CLI printed so far, and every file it wrote: logs in this Pulumi home, the
        backend's state and history, the stack configuration files."""
        written = [*self.home.rglob("*"), *(self.root / "state").rglob("*"), *self.project_dir.glob("Pulumi.*.yaml")]
        files = [p.read_text(encoding="utf-8", errors="replace") for p in written if p.is_file()]
        return "\n".join(self.transcript + files)


@contextmanager
def pulumi_workspace(
    bin_dir: Path, root: Path, *, plugin_on_path: bool = True, project: str | None = None
) -> Iterator[PulumiWorkspace]:
    """A fresh project directory, logged in to a file backend, holding ``project`` as its
    ``Pulumi.yaml`` (default: ``examples/pulumi``'s)."""
    workspace = PulumiWorkspace(bin_dir=bin_dir, root=root, plugin_on_path=plugin_on_path)
    workspace.project_dir.mkdir(parents=True)
    if project is None:
        shutil.copy(EXAMPLE_DIR / "Pulumi.yaml", workspace.project_dir / "Pulumi.yaml")
    else:
        (workspace.project_dir / "Pulumi.yaml").write_text(project, encoding="utf-8")
    (workspace.root / "state").mkdir()
    workspace.run("login", workspace.backend_url)
    yield workspace


__all__ = [
    "EXAMPLE_DIR",
    "PROJECT",
    "PulumiWorkspace",
    "program_from_file",
    "program_from_source",
    "pulumi_bin_dir",
    "pulumi_workspace",
]
