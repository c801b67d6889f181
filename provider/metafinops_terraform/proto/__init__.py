"""Generated protocol stubs (scripts/gen-protos); do not edit by hand."""
