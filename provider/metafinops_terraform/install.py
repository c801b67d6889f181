"""``metafinops provider install|mirror``: put the provider where ``terraform init`` finds it offline.

- ``install`` writes the package (:mod:`metafinops_terraform.package`) unpacked into Terraform's
  *implied local mirror* ``~/.terraform.d/plugins/<host>/<namespace>/<type>/<version>/<os>_<arch>/``
  (or ``--plugin-dir``), so ``terraform init`` works with no network (``dev_overrides`` would
  not: init fails with it), and records this Python as the one that runs it.
- ``mirror DIR`` writes the packed zips of every platform plus the network-mirror index files:
  a directory for a ``filesystem_mirror`` block, or to serve over HTTPS as a
  ``network_mirror``; ``terraform providers lock`` computes all four platforms' hashes from it.

Both check first that this Python has the provider's dependencies.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import click

from metafinops_terraform import package

__all__ = ["install_plugin", "provider", "terraform_platform"]

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


def _check_dependencies() -> None:
    from metafinops_terraform._entry import missing_dependencies

    missing = missing_dependencies()
    if missing:
        raise click.ClickException(
            f"this Python ({sys.executable}) lacks {', '.join(missing)}: run "
            f"{sys.executable} -m pip install 'metafinops[terraform]'"
        )


def _warm_marker() -> Path:
    return package.python_record_path().with_name("provider-warm")


def install_plugin(plugin_dir: Path | None = None, *, warm: bool = False) -> Path:
    """Install the package unpacked into ``plugin_dir`` (default: the implied local mirror) and
    record this Python; return the launcher's path. ``warm`` turns on the warm daemon for this user."""
    _check_dependencies()
    launcher = package.install_unpacked(
        plugin_dir or default_plugin_dir(),
        terraform_platform(),
        hostnames=(package.HOSTNAME, package.OPENTOFU_HOSTNAME),  # Terraform's and OpenTofu's address
    )
    package.record_python()
    marker = _warm_marker()
    if warm:
        marker.write_text("written by `metafinops provider install --warm`; remove it (or install again) to stop\n")
    else:
        marker.unlink(missing_ok=True)
    return launcher


def _mirror_config(root: Path) -> str:
    address = f"{package.HOSTNAME}/{package.NAMESPACE}/{package.TYPE}"
    return (
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path    = "{root}"\n    include = ["{address}"]\n  }}\n'
        f'  direct {{\n    exclude = ["{address}"]\n  }}\n}}'
    )


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
    "(faster plan/apply; the daemon exits after $METAFINOPS_PROVIDER_IDLE_TIMEOUT seconds idle, default 60). "
    "Also per run: METAFINOPS_PROVIDER_WARM=1 or 0, or =run for a daemon that lives only as long as "
    "the Terraform command (for CI).",
)
def install(plugin_dir: Path | None, warm: bool) -> None:
    """Install terraform-provider-metafinops so `terraform init` finds it with no network."""
    from metafinops.catalog import PROVIDER_VERSION

    target = install_plugin(plugin_dir, warm=warm)
    files = package.build_files()
    click.echo(f"Installed terraform-provider-metafinops {PROVIDER_VERSION} ({terraform_platform()})")
    click.echo(f"  package: {target.parent}")
    click.echo(f"  hash:    {package.h1_hash(files)}")
    click.echo(f"  python:  {sys.executable} (recorded in {package.python_record_path()})")
    if warm:
        click.echo("  mode:    warm (sessions served by a per-user daemon; see metafinops_terraform/_warm_launcher.py)")
    if plugin_dir is None:
        click.echo("terraform init now finds metafinops/metafinops ~> 1.0 without network (implied local mirror).")
    else:
        click.echo("Point Terraform at this mirror in a CLI configuration file (TF_CLI_CONFIG_FILE):")
        click.echo(_mirror_config(plugin_dir.resolve()))


@provider.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--platform",
    "platforms",
    multiple=True,
    type=click.Choice(package.PLATFORMS),
    help="Platforms to write (default: all four).",
)
def mirror(directory: Path, platforms: tuple[str, ...]) -> None:
    """Write a provider mirror (packed zips + network-mirror index) into DIRECTORY.

    Use it as a `filesystem_mirror`, serve it over HTTPS as a `network_mirror`, and compute a
    lock file for every platform offline with
    `terraform providers lock -fs-mirror=DIRECTORY -platform=linux_amd64 -platform=darwin_arm64 …`.
    """
    from metafinops.catalog import PROVIDER_VERSION

    _check_dependencies()
    hashes = package.write_mirror(directory, platforms or package.PLATFORMS)
    package.record_python()
    click.echo(f"Wrote terraform-provider-metafinops {PROVIDER_VERSION} to {directory} for {', '.join(hashes)}")
    for value in sorted({h for pair in hashes.values() for h in pair.values()}):
        click.echo(f"  {value}")
    click.echo("As a filesystem mirror, in a CLI configuration file (TF_CLI_CONFIG_FILE):")
    click.echo(_mirror_config(directory.resolve()))


@provider.command()
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("."))
def lock(directory: Path) -> None:
    """Write DIRECTORY/.terraform.lock.hcl for this release, for every platform, offline.

    The same file `terraform providers lock -net-mirror=<a mirror of this release>` writes for
    linux_amd64, linux_arm64, darwin_amd64 and darwin_arm64 (the package is the same on all
    four), plus the zip's zh: hash: commit it, and runners verify what they install against it.
    """
    files = package.build_files()
    hashes = [package.h1_hash(files), package.zh_hash(package.zip_bytes(files))]
    target = directory / ".terraform.lock.hcl"
    target.write_text(package.lock_file_text(hashes))
    click.echo(f"Wrote {target} ({', '.join(hashes)})")
