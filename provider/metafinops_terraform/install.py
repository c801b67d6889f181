"""``metafinops provider install``: put the plugin where ``terraform init`` finds it offline.

Terraform looks for providers in the *implied local mirror*
``~/.terraform.d/plugins/<host>/<namespace>/<type>/<version>/<os>_<arch>/`` before asking a
registry, so a file there makes ``terraform init`` work with no network (``dev_overrides``
would not: init fails with it). ``--plugin-dir`` writes the same layout elsewhere, for a
``filesystem_mirror`` block in a CLI configuration file.

The plugin we write is a small launcher script bound to the interpreter running this
command. It starts Python with ``-S -I``: no ``site`` processing (whose ``.pth`` handling,
editable-install finders included, costs tens of milliseconds) and no environment
variables; the import paths ``site`` would have added are written into the launcher.
"""

from __future__ import annotations

import os
import platform
import site
import stat
import sys
import sysconfig
from pathlib import Path

import click

__all__ = ["install_plugin", "plugin_path", "provider", "terraform_platform"]

HOSTNAME = "registry.terraform.io"
NAMESPACE = "metafinops"
TYPE = "metafinops"
_SHEBANG_LIMIT = 127  # older kernels cut longer #! lines

_ARCHES = {
    "x86_64": "amd64",
    "amd64": "amd64",
    "aarch64": "arm64",
    "arm64": "arm64",
    "i386": "386",
    "i686": "386",
    "armv7l": "arm",
    "armv6l": "arm",
}


def terraform_platform() -> str:
    """The platform the way Terraform names it: ``linux_amd64``, ``darwin_arm64``…"""
    system = {"linux": "linux", "darwin": "darwin", "freebsd": "freebsd"}.get(platform.system().lower())
    machine = _ARCHES.get(platform.machine().lower())
    if system is None or machine is None:
        raise click.ClickException(
            f"Unsupported platform {platform.system()} {platform.machine()}: the launcher is a POSIX script."
        )
    return f"{system}_{machine}"


def default_plugin_dir() -> Path:
    return Path.home() / ".terraform.d" / "plugins"


def plugin_path(plugin_dir: Path, version: str) -> Path:
    return (
        plugin_dir
        / HOSTNAME
        / NAMESPACE
        / TYPE
        / version
        / terraform_platform()
        / f"terraform-provider-{TYPE}_v{version}"
    )


def _import_paths() -> list[str]:
    """What ``site`` would put on ``sys.path`` for this project: package roots, site-packages, ``.pth`` dirs."""
    import metafinops
    import metafinops_terraform

    candidates = [
        str(Path(metafinops_terraform.__file__).resolve().parent.parent),
        str(Path(metafinops.__file__).resolve().parent.parent),
    ]
    site_dirs = [*site.getsitepackages(), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    for directory in site_dirs:
        candidates.append(directory)
        for pth in sorted(Path(directory).glob("*.pth")) if os.path.isdir(directory) else []:
            for line in pth.read_text(errors="replace").splitlines():
                line = line.strip()
                if line and not line.startswith(("#", "import ", "import\t")):
                    candidates.append(os.path.join(directory, line))
    paths: list[str] = []
    for candidate in candidates:
        if os.path.isdir(candidate) and candidate not in paths:
            paths.append(candidate)
    return paths


def _build_id(python: str, paths: list[str], version: str) -> str:
    """What a warm daemon must match: interpreter, import paths, version and the sources' stamps."""
    import hashlib

    import metafinops
    import metafinops_terraform

    digest = hashlib.sha256("\0".join([python, version, *paths]).encode())
    for package_file in (metafinops_terraform.__file__, metafinops.__file__):
        root = Path(str(package_file)).resolve().parent
        for source in sorted(root.rglob("*.py")):
            info = source.stat()
            digest.update(f"\0{source.relative_to(root)}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def launcher_text(python: str, paths: list[str], version: str, *, warm: bool = False) -> str:
    flags = "-SI"  # no site processing, isolated from PYTHON* variables and the user site
    shebang = f"#!{python} {flags}"
    if len(shebang) > _SHEBANG_LIMIT or " " in python:
        # sh trampoline (as pip's launchers do): valid shell and valid Python at once
        shebang = f"#!/bin/sh\n'''exec' \"{python}\" {flags} \"$0\" \"$@\"\n' '''"
    if warm:
        return (
            f"{shebang}\n"
            f"# terraform-provider-metafinops {version} (warm), written by `metafinops provider install --warm`.\n"
            "# Asks a per-user daemon that keeps the provider loaded for a session (provider/_warm_launcher.py);\n"
            "# the import paths are listed here because -S skips the site module that would add them.\n"
            "import sys\n\n"
            f"sys.path[:0] = {paths!r}\n\n"
            "from metafinops_terraform._warm_launcher import run\n\n"
            f"sys.exit(run({_build_id(python, paths, version)!r}, {version!r}))\n"
        )
    return (
        f"{shebang}\n"
        f"# terraform-provider-metafinops {version}, written by `metafinops provider install`.\n"
        "# Starts the plugin with the interpreter that ran the install; the import paths are\n"
        "# listed here because -S skips the site module that would otherwise add them.\n"
        "import sys\n\n"
        f"sys.path[:0] = {paths!r}\n\n"
        "from metafinops_terraform.__main__ import main\n\n"
        "sys.exit(main())\n"
    )


def install_plugin(plugin_dir: Path | None = None, *, python: str | None = None, warm: bool = False) -> Path:
    """Write the launcher into ``plugin_dir`` (default: the implied local mirror); return its path.

    ``warm``: the launcher asks a long-lived per-user daemon for a session instead of loading
    the provider itself (:mod:`metafinops_terraform._warm_launcher`)."""
    from metafinops.catalog import PROVIDER_VERSION

    target = plugin_path(plugin_dir or default_plugin_dir(), PROVIDER_VERSION)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = launcher_text(python or sys.executable, _import_paths(), PROVIDER_VERSION, warm=warm)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(text)
    temporary.chmod(temporary.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    os.replace(temporary, target)  # atomic: a running terraform never sees half a file
    return target


@click.group()
def provider() -> None:
    """The Terraform provider metafinops/metafinops."""


@provider.command()
@click.option(
    "--plugin-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Root of a provider mirror (default: ~/.terraform.d/plugins, Terraform's implied local mirror).",
)
@click.option(
    "--warm",
    is_flag=True,
    help="Keep the provider loaded in a per-user daemon between Terraform's plugin starts "
    "(faster plan/apply; the daemon exits after $METAFINOPS_PROVIDER_IDLE_TIMEOUT seconds idle, default 60).",
)
def install(plugin_dir: Path | None, warm: bool) -> None:
    """Install terraform-provider-metafinops so `terraform init` finds it with no network."""
    from metafinops.catalog import PROVIDER_VERSION

    target = install_plugin(plugin_dir, warm=warm)
    click.echo(f"Installed terraform-provider-metafinops {PROVIDER_VERSION} ({terraform_platform()})")
    click.echo(f"  plugin:  {target}")
    click.echo(f"  runs:    {sys.executable} -SI (package at {Path(__file__).resolve().parent})")
    if warm:
        click.echo("  mode:    warm (sessions served by a per-user daemon; see provider/_warm_launcher.py)")
    if plugin_dir is None:
        click.echo("terraform init now finds metafinops/metafinops ~> 1.0 without network (implied local mirror).")
    else:
        root = plugin_dir.resolve()
        click.echo("Point Terraform at this mirror in a CLI configuration file (TF_CLI_CONFIG_FILE):")
        click.echo(
            "  provider_installation {\n"
            f'    filesystem_mirror {{\n      path    = "{root}"\n'
            f'      include = ["{HOSTNAME}/{NAMESPACE}/{TYPE}"]\n    }}\n'
            f'    direct {{\n      exclude = ["{HOSTNAME}/{NAMESPACE}/{TYPE}"]\n    }}\n  }}'
        )
