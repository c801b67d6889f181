"""The local MetaFinOps API server (``metafinops serve``).

It implements the v1 wire contract in DEVELOPING.md and knows nothing of the SDK.
Importing this package is cheap: FastAPI, SQLAlchemy and uvicorn load only where used.
"""
