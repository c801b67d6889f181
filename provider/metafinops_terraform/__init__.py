"""terraform-provider-metafinops: the Terraform plugin (protocol 6 over grpcio).

It translates between tfplugin6 (msgpack / cty values, protobuf schemas and diagnostics)
and the resource catalog in :mod:`metafinops.catalog`, which holds all resource behaviour.

- :mod:`metafinops_terraform.__main__` — process start: magic cookie, TLS, gRPC server, handshake line.
- :mod:`metafinops_terraform.servicer` — the ``tfplugin6.Provider`` RPCs.
- :mod:`metafinops_terraform.codec`, :mod:`metafinops_terraform.schema`,
  :mod:`metafinops_terraform.diagnostics` — wire formats.
- :mod:`metafinops_terraform.install` — ``metafinops provider install`` (the implied local mirror).
- :mod:`metafinops_terraform._warm_launcher`, :mod:`metafinops_terraform._warm_daemon` — ``install --warm``: a ~15 ms
  launcher asks a per-user daemon, which keeps all of the above imported, for a session.

Start-up time matters (Terraform starts the plugin several times per command), so nothing
here imports the catalog or the SDK before the handshake line is printed.
"""
