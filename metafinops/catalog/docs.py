"""Registry docs generated from the catalog (the tfplugindocs layout).

``metafinops docs generate`` writes ``docs/index.md``, ``docs/resources/<name>.md`` and
``docs/data-sources/<name>.md`` from the declarations' descriptions and the files under
``examples/``; ``metafinops docs check`` fails when regenerating would change ``docs/``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from metafinops.catalog import DATA_SOURCES, PROVIDER_CONFIG, RESOURCES
from metafinops.catalog._schema import Attribute, DataSource, Resource

__all__ = ["docs", "render_all"]


def _constraints(attribute: Attribute) -> str:
    notes: list[str] = []
    if attribute.has_default:
        default = attribute.default
        shown = str(default).lower() if isinstance(default, bool) else default
        notes.append(f"Defaults to `{shown}`.")
    for validator in attribute.validators:
        notes.append(f"Must be {validator.description}.")
    for validator in attribute.element_validators:
        notes.append(f"Each element must be {validator.description}.")
    if attribute.force_new:
        notes.append("Changing it forces a new resource.")
    return " ".join(notes)


_NESTED_KIND = {"object": "Attributes", "list": "Attributes List", "set": "Attributes Set", "map": "Attributes Map"}


def _kind(attribute: Attribute) -> str:
    """What the registry shows in brackets: ``String``, ``Attributes Set``, ``String, Sensitive``…"""
    kind = _NESTED_KIND[attribute.type.kind] if attribute.nested else attribute.type.describe()
    if attribute.sensitive:
        kind += ", Sensitive"
    if attribute.write_only:
        kind += ", Write-only"
    return kind


def _line(attribute: Attribute, anchor_prefix: str) -> str:
    nested = f" (see [below for nested schema](#{anchor_prefix}--{attribute.name}))" if attribute.nested else ""
    extra = _constraints(attribute)
    text = f"- `{attribute.name}` ({_kind(attribute)}) {attribute.description}"
    return f"{text} {extra}".rstrip() + nested


def _sections(attributes: Iterable[Attribute], anchor_prefix: str, nested: list[tuple[str, Attribute]]) -> str:
    groups: dict[str, list[Attribute]] = {"Required": [], "Optional": [], "Read-Only": []}
    for attribute in attributes:
        if attribute.required:
            groups["Required"].append(attribute)
        elif attribute.optional:
            groups["Optional"].append(attribute)
        else:
            groups["Read-Only"].append(attribute)
        if attribute.nested:
            nested.append((f"{anchor_prefix}--{attribute.name}", attribute))
    out: list[str] = []
    for title, members in groups.items():
        if members:
            out.append(f"### {title}\n")
            out.extend(_line(a, anchor_prefix) for a in sorted(members, key=lambda a: a.name))
            out.append("")
    return "\n".join(out)


def _schema(attributes: Iterable[Attribute]) -> str:
    nested: list[tuple[str, Attribute]] = []
    out = ["## Schema\n", _sections(attributes, "nestedatt", nested)]
    while nested:
        anchor, attribute = nested.pop(0)
        out.append(f'<a id="{anchor}"></a>')
        out.append(f"### Nested Schema for `{anchor.split('--', 1)[1].replace('--', '.')}`\n")
        out.append(_sections(attribute.nested, anchor, nested))
    return "\n".join(out).rstrip() + "\n"


def _example(path: Path, title: str, language: str = "terraform") -> str:
    if not path.exists():
        return ""
    return f"## {title}\n\n```{language}\n{path.read_text().rstrip()}\n```\n\n"


def _front_matter(title: str, description: str) -> str:
    first_sentence = description.split(". ")[0].rstrip(".") + "."
    return f'---\npage_title: "{title} - metafinops"\ndescription: |-\n  {first_sentence}\n---\n\n{GENERATED}\n'


def render_resource(resource: Resource, examples: Path) -> str:
    folder = examples / "resources" / resource.type_name
    text = _front_matter(f"{resource.type_name} Resource", resource.description)
    text += f"# {resource.type_name} (Resource)\n\n{resource.description}\n\n"
    text += _example(folder / "resource.tf", "Example Usage")
    text += _schema(resource.for_terraform().attributes)
    import_script = folder / "import.sh"
    if import_script.exists():
        text += "\n## Import\n\nImport is supported using the following syntax:\n\n"
        text += f"```shell\n{import_script.read_text().rstrip()}\n```\n"
        text += (
            "\nOr, with Terraform 1.5 and later, an `import` block:\n\n```terraform\nimport {\n"
            f'  to = {resource.type_name}.example\n  id = "<id>"\n}}\n```\n'
        )
        if resource.import_note:
            text += f"\n{resource.import_note}\n"
    return text


def render_data_source(source: DataSource, examples: Path) -> str:
    folder = examples / "data-sources" / source.type_name
    text = _front_matter(f"{source.type_name} Data Source", source.description)
    text += f"# {source.type_name} (Data Source)\n\n{source.description}\n\n"
    text += _example(folder / "data-source.tf", "Example Usage")
    text += _schema(source.attributes)
    return text


def render_index(examples: Path) -> str:
    text = _front_matter("Provider", PROVIDER_CONFIG.description)
    text += f"# MetaFinOps Provider\n\n{PROVIDER_CONFIG.description}\n\n"
    text += _example(examples / "provider" / "provider.tf", "Example Usage")
    text += _schema(PROVIDER_CONFIG.attributes)
    return text


GENERATED = "<!-- generated by `metafinops docs generate` from the catalog and examples/; do not edit -->\n"


def _stamped_copy(text: str, name: str) -> str:
    """A hand-written guide with the "do not edit" stamp after its front matter."""
    stamp = f"<!-- copied by `metafinops docs generate` from templates/guides/{name}; edit that file -->\n"
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + len("\n---\n")
        return f"{text[:end]}\n{stamp}{text[end:]}"
    return stamp + text


def render_all(root: Path) -> dict[Path, str]:
    """Every generated docs file (relative path → content) for the repository at ``root``.

    Guides are written by hand in ``templates/guides/<name>.md`` (tfplugindocs' layout) and
    copied to ``docs/guides/``."""
    examples = root / "examples"
    files: dict[Path, str] = {Path("docs/index.md"): render_index(examples)}
    for guide in sorted((root / "templates" / "guides").glob("*.md")):
        files[Path("docs/guides") / guide.name] = _stamped_copy(guide.read_text(), guide.name)
    for resource in RESOURCES:
        files[Path("docs/resources") / f"{resource.short_name}.md"] = render_resource(resource, examples)
    for source in DATA_SOURCES:
        files[Path("docs/data-sources") / f"{source.short_name}.md"] = render_data_source(source, examples)
    return files


def stale_files(root: Path) -> list[Path]:
    """Docs files that differ from what the catalog generates, or should not exist."""
    expected = render_all(root)
    stale = [p for p, content in expected.items() if not (root / p).exists() or (root / p).read_text() != content]
    docs_dir = root / "docs"
    if docs_dir.exists():
        stale += [p.relative_to(root) for p in docs_dir.rglob("*.md") if p.relative_to(root) not in expected]
    return sorted(stale)


@click.group()
def docs() -> None:
    """Generate or check the registry docs (docs/) from the catalog."""


@docs.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True)
def generate(root: Path) -> None:
    """Write docs/ from the catalog and examples/."""
    expected = render_all(root)
    docs_dir = root / "docs"
    if docs_dir.exists():
        for path in docs_dir.rglob("*.md"):
            if path.relative_to(root) not in expected:
                path.unlink()
    for relative, content in expected.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
    click.echo(f"wrote {len(expected)} files under {docs_dir}")


@docs.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True)
def check(root: Path) -> None:
    """Exit 1 when docs/ is not what `metafinops docs generate` would write."""
    stale = stale_files(root)
    if stale:
        listing = "\n".join(f"  {p}" for p in stale)
        raise click.ClickException(f"docs/ is stale; run `metafinops docs generate`:\n{listing}")
    click.echo("docs/ is up to date")
