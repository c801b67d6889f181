"""Tests of the local API server, over HTTP against a real ``metafinops serve`` process."""
