"""One module per managed resource; each declares its whole behaviour."""
