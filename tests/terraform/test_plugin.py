"""The plugin process and its wire formats, without terraform: handshake, TLS, go-plugin
services, cty msgpack, capability checks, redaction. Fast; they pin down what the
acceptance tests rely on."""

from __future__ import annotations

import base64
import os
import select
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import msgpack
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from google.protobuf import empty_pb2

from metafinops import catalog
from metafinops.catalog import UNKNOWN
from metafinops_terraform import codec
from metafinops_terraform._plugin import PROVIDER_RPCS, PROVIDER_STREAM_RPCS
from metafinops_terraform.diagnostics import Redactor, attribute_path, to_proto
from metafinops_terraform.proto import (
    grpc_controller_pb2,
    grpc_controller_pb2_grpc,
    grpc_stdio_pb2_grpc,
    tfplugin6_pb2,
    tfplugin6_pb2_grpc,
)
from metafinops_terraform.schema import terraform_attributes
from metafinops_terraform.servicer import ProviderServicer

COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
BUDGET = catalog.resource("metafinops_budget")
WEBHOOK = catalog.resource("metafinops_webhook_subscription")


def _launcher(plugin_dir: Path) -> Path:
    return next(plugin_dir.rglob("terraform-provider-metafinops_v*"))


@pytest.fixture
def plugin(plugin_dir: Path) -> Iterator[tuple[subprocess.Popen[bytes], list[str]]]:
    env = {**os.environ, "TF_PLUGIN_MAGIC_COOKIE": COOKIE, "PLUGIN_PROTOCOL_VERSIONS": "6"}
    process = subprocess.Popen([str(_launcher(plugin_dir))], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 10)
    assert ready, "no handshake within 10 s"
    fields = process.stdout.readline().decode().rstrip("\n").split("|")
    try:
        yield process, fields
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def _channel(fields: list[str]) -> grpc.Channel:
    der = base64.b64decode(fields[5] + "=" * (-len(fields[5]) % 4))
    pem = x509.load_der_x509_certificate(der).public_bytes(Encoding.PEM)
    credentials = grpc.ssl_channel_credentials(root_certificates=pem)
    options = [("grpc.ssl_target_name_override", "localhost")]
    return grpc.secure_channel(f"unix:{fields[3]}", credentials, options=options)


def test_handshake_tls_schema_and_shutdown(plugin: tuple[subprocess.Popen[bytes], list[str]]) -> None:
    process, fields = plugin
    assert fields[:3] == ["1", "6", "unix"] and fields[4] == "grpc"
    assert "=" not in fields[5]
    certificate = x509.load_der_x509_certificate(base64.b64decode(fields[5] + "=" * (-len(fields[5]) % 4)))
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "localhost" in names.get_values_for_type(x509.DNSName)

    with _channel(fields) as channel:
        provider: Any = tfplugin6_pb2_grpc.ProviderStub(channel)  # type: ignore[no-untyped-call]
        schema = provider.GetProviderSchema(tfplugin6_pb2.GetProviderSchema.Request(), timeout=30)
        assert set(schema.resource_schemas) == {r.type_name for r in catalog.RESOURCES}
        assert schema.server_capabilities.get_provider_schema_optional
        assert set(schema.list_resource_schemas) == {r.type_name for r in catalog.RESOURCES}
        # the server-streaming RPC is served: unconfigured, it streams one error event and ends
        events = list(provider.ListResource(tfplugin6_pb2.ListResource.Request(type_name=BUDGET.type_name), timeout=30))
        assert [e.diagnostic[0].summary for e in events] == ["Provider not configured"]
        stdio: Any = grpc_stdio_pb2_grpc.GRPCStdioStub(channel)  # type: ignore[no-untyped-call]
        assert list(stdio.StreamStdio(empty_pb2.Empty(), timeout=10)) == []
        controller: Any = grpc_controller_pb2_grpc.GRPCControllerStub(channel)  # type: ignore[no-untyped-call]
        controller.Shutdown(grpc_controller_pb2.Empty(), timeout=10)
    started = time.monotonic()
    process.wait(timeout=5)
    assert time.monotonic() - started < 3
    assert process.returncode == 0
    assert process.stdout is not None and process.stdout.read() == b""  # nothing after the handshake
    assert not Path(fields[3]).exists()


def test_without_the_cookie_it_explains_itself(plugin_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TF_PLUGIN_MAGIC_COOKIE"}
    result = subprocess.run([str(_launcher(plugin_dir))], env=env, capture_output=True, timeout=30)
    assert result.returncode == 1
    assert result.stdout == b""
    assert b"Terraform plugin" in result.stderr and b"metafinops provider install" in result.stderr


def test_served_rpcs_match_the_proto() -> None:
    service = tfplugin6_pb2.DESCRIPTOR.services_by_name["Provider"]
    assert set(PROVIDER_RPCS) | set(PROVIDER_STREAM_RPCS) == set(service.methods_by_name)
    assert all(callable(getattr(ProviderServicer, rpc)) for rpc in PROVIDER_RPCS + PROVIDER_STREAM_RPCS)
    streaming = {name for name, method in service.methods_by_name.items() if method.server_streaming}
    assert streaming == set(PROVIDER_STREAM_RPCS)


# --------------------------------------------------------------------------- codec


def test_numbers_come_back_exactly_as_they_came() -> None:
    attributes = terraform_attributes(BUDGET)
    wire = msgpack.packb(
        {
            "id": "bud_1",
            "name": "x",
            "amount": "0.1",  # HCL's 0.1 is not a float64: cty sends the decimal text
            "currency": "USD",
            "period": "monthly",
            "start_date": None,
            "filters": None,
            "thresholds": [{"percent": 80, "basis": "actual"}, {"percent": 100.5, "basis": "forecasted"}],
            "created_at": msgpack.ExtType(0, b"\x00"),
        }
    )
    decoded = codec.decode_msgpack(attributes, wire)
    assert decoded is not None
    assert decoded["amount"] == 0.1 and isinstance(decoded["amount"], codec.Number)
    assert decoded["created_at"] is UNKNOWN
    again = msgpack.unpackb(codec.encode_msgpack(attributes, decoded))
    assert again["amount"] == "0.1"
    # every number leaves as decimal text, integers too: Terraform then decodes it exactly as it
    # decodes numbers from its JSON state (see codec._encode_number and test_drift.py)
    assert again["thresholds"][0]["percent"] == "80"
    assert again["thresholds"][1]["percent"] == "100.5"  # shortest decimal text, parsed exactly by cty
    floats = msgpack.unpackb(codec.encode_msgpack(attributes, {"amount": 2000.0}))
    assert floats["amount"] == "2000"


def test_unknown_values_both_encodings_and_big_numbers() -> None:
    attributes = terraform_attributes(BUDGET)
    refined = msgpack.ExtType(12, b"\x81\x01\xc3")  # unknown with a refinement (cty >= 1.13)
    decoded = codec.decode_msgpack(attributes, msgpack.packb({"name": refined, "amount": str(2**70)}))
    assert decoded is not None and decoded["name"] is UNKNOWN and decoded["amount"] == 2**70
    encoded = msgpack.unpackb(codec.encode_msgpack(attributes, {"name": UNKNOWN, "amount": 2**70, "extra": 1}))
    assert encoded["name"] == msgpack.ExtType(0, b"\x00")
    assert encoded["amount"] == str(2**70)
    assert "extra" not in encoded and encoded["filters"] is None  # every declared attribute, nothing else
    assert codec.encode_msgpack(attributes, None) == b"\xc0"


def test_state_json_decodes_with_the_schema() -> None:
    attributes = terraform_attributes(WEBHOOK)
    raw = b'{"id": "whk_1", "url": "https://a.invalid", "gone": 1, "secret_wo_version": 2.0}'
    state = codec.decode_json(attributes, raw)
    assert state is not None and state["id"] == "whk_1" and state["events"] is None and "gone" not in state


# --------------------------------------------------------------------------- servicer


def _dynamic(attributes: Any, value: dict[str, Any]) -> tfplugin6_pb2.DynamicValue:
    return tfplugin6_pb2.DynamicValue(msgpack=codec.encode_msgpack(attributes, value))


def test_write_only_needs_the_client_capability() -> None:
    attributes = terraform_attributes(WEBHOOK)
    config = _dynamic(
        attributes,
        {"url": "https://a.invalid/x", "events": ["report.generated"], "secret_wo": "s" * 30, "secret_wo_version": 1},
    )
    servicer = ProviderServicer()
    old = servicer.ValidateResourceConfig(
        tfplugin6_pb2.ValidateResourceConfig.Request(type_name=WEBHOOK.type_name, config=config), None
    )
    assert [d.attribute.steps[0].attribute_name for d in old.diagnostics] == ["secret_wo"]
    assert "Terraform 1.11" in old.diagnostics[0].detail
    new = servicer.ValidateResourceConfig(
        tfplugin6_pb2.ValidateResourceConfig.Request(
            type_name=WEBHOOK.type_name,
            config=config,
            client_capabilities=tfplugin6_pb2.ClientCapabilities(write_only_attributes_allowed=True),
        ),
        None,
    )
    assert list(new.diagnostics) == []


def test_plan_of_a_destroy_is_null_and_keeps_private() -> None:
    attributes = terraform_attributes(BUDGET)
    response = ProviderServicer().PlanResourceChange(
        tfplugin6_pb2.PlanResourceChange.Request(
            type_name=BUDGET.type_name,
            prior_state=_dynamic(attributes, {"id": "bud_1", "name": "x", "amount": 1, "period": "monthly"}),
            proposed_new_state=tfplugin6_pb2.DynamicValue(msgpack=codec.NULL),
            config=tfplugin6_pb2.DynamicValue(msgpack=codec.NULL),
            prior_private=b"opaque",
        ),
        None,
    )
    assert response.planned_state.msgpack == b"\xc0" and response.planned_private == b"opaque"
    assert list(response.diagnostics) == []


def test_unknown_type_and_unconfigured_provider_are_diagnostics_not_crashes() -> None:
    servicer = ProviderServicer()
    unknown = servicer.ReadResource(tfplugin6_pb2.ReadResource.Request(type_name="metafinops_nope"), None)
    assert unknown.diagnostics[0].summary == "Unknown resource type metafinops_nope"
    imported = servicer.ImportResourceState(
        tfplugin6_pb2.ImportResourceState.Request(type_name=BUDGET.type_name, id="bud_1"), None
    )
    assert imported.diagnostics[0].summary == "Provider not configured"


def test_identity_schemas_and_identity_upgrade() -> None:
    servicer = ProviderServicer()
    schemas = servicer.GetResourceIdentitySchemas(tfplugin6_pb2.GetResourceIdentitySchemas.Request(), None)
    assert set(schemas.identity_schemas) == {r.type_name for r in catalog.RESOURCES}
    budget = schemas.identity_schemas[BUDGET.type_name]
    assert budget.version == 0
    assert [(a.name, a.type, a.required_for_import) for a in budget.identity_attributes] == [("id", b'"string"', True)]

    upgraded = servicer.UpgradeResourceIdentity(
        tfplugin6_pb2.UpgradeResourceIdentity.Request(
            type_name=BUDGET.type_name, version=0, raw_identity=tfplugin6_pb2.RawState(json=b'{"id":"bud_1"}')
        ),
        None,
    )
    assert list(upgraded.diagnostics) == []
    assert msgpack.unpackb(upgraded.upgraded_identity.identity_data.msgpack) == {"id": "bud_1"}
    newer = servicer.UpgradeResourceIdentity(
        tfplugin6_pb2.UpgradeResourceIdentity.Request(type_name=BUDGET.type_name, version=3), None
    )
    assert newer.diagnostics[0].summary == "Identity of metafinops_budget has an unknown version"


def test_diagnostics_point_at_the_top_level_attribute_and_hide_secrets() -> None:
    attributes = terraform_attributes(BUDGET)
    path = attribute_path(attributes, ("thresholds", 0, "percent"))
    assert path is not None and [s.attribute_name for s in path.steps] == ["thresholds"]
    assert attribute_path(attributes, ("nope",)) is None
    redact = Redactor()
    redact.add("mfo_live_secret_key")
    redact.add_sensitive(terraform_attributes(WEBHOOK), {"secret": "whsec_generated_value", "url": "https://x"})
    diagnostic = catalog.Diagnostic(summary="bad mfo_live_secret_key", detail="got whsec_generated_value", path=("x",))
    [message] = to_proto([diagnostic], attributes, redact)
    assert "mfo_live" not in message.summary and "whsec_" not in message.detail
    assert not message.HasField("attribute")
