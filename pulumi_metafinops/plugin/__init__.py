"""``pulumi-resource-metafinops``: the Pulumi resource provider plugin for MetaFinOps.

The Pulumi engine starts it with its own address as the argument, reads the port of the
plugin's gRPC server from the first line of stdout, and drives ``pulumirpc.ResourceProvider``
(:mod:`._provider`) on 127.0.0.1. Logs go to stderr only.

Start-up imports ``grpc``, the protobuf stubs (:mod:`._rpc`) and the catalog, nothing more:
the SDK (httpx, pydantic) loads on the first API call.
"""
