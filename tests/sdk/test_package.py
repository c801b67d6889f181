"""The package surface, and what importing it costs."""

from __future__ import annotations

import json
import subprocess
import sys

import metafinops

NOT_FOR_THE_SDK = {"click", "rich", "pygments", "asyncio", "fastapi", "sqlalchemy", "uvicorn", "grpc", "pulumi"}


def modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_every_public_name_resolves() -> None:
    for name in metafinops.__all__:
        assert getattr(metafinops, name) is not None, name
    assert set(metafinops.__all__) <= set(dir(metafinops))
    assert metafinops.Client.__module__ == "metafinops._client"
    assert metafinops.Budget.__module__ == "metafinops.types.budget"


def test_import_metafinops_is_light() -> None:
    """Only the errors, NOT_GIVEN and webhooks load eagerly: no httpx, no pydantic."""
    loaded = top_level(modules_after("import metafinops"))
    assert not loaded & ({"httpx", "pydantic", "anyio"} | NOT_FOR_THE_SDK)


def test_the_client_loads_nothing_it_does_not_need() -> None:
    """No CLI (httpx's own included), server, catalog or asyncio: a Terraform provider process pays for none."""
    loaded = modules_after("from metafinops import Client, AsyncClient; Client(api_key='k')")
    assert {"httpx", "pydantic"} <= top_level(loaded)
    assert not top_level(loaded) & NOT_FOR_THE_SDK
    assert not {m for m in loaded if m.startswith(("metafinops.server", "metafinops.catalog", "metafinops.cli"))}


def test_a_namespace_loads_only_its_own_models() -> None:
    """``client.budgets`` imports the budgets namespace and its models, not the other eleven
    namespaces' (the Terraform plugin creating a budget pays for one module, not all)."""
    loaded = modules_after("from metafinops import Client; Client(api_key='k').budgets")
    ours = {m for m in loaded if m.startswith(("metafinops.resources.", "metafinops.types."))}
    assert ours == {"metafinops.resources.budgets", "metafinops.types.budget"}


def test_lazy_packages_export_what_they_declare() -> None:
    import metafinops.resources
    import metafinops.types

    for package in (metafinops.resources, metafinops.types):
        for name in package.__all__:
            value = getattr(package, name)
            assert value is not None, name
            if isinstance(value, type):  # a class, not a Literal alias
                assert value.__module__.startswith(package.__name__ + "."), name
        assert set(package.__all__) <= set(dir(package))


def test_httpx_cli_is_still_importable_on_purpose() -> None:
    """The SDK keeps httpx's CLI from loading along with httpx, without breaking an explicit import."""
    assert "httpx._main" in modules_after("import metafinops._httpx, httpx._main")
