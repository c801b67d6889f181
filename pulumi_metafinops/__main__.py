"""Serve ``pulumi-resource-metafinops``: ``python -m pulumi_metafinops ENGINE_ADDRESS``.

Also how Pulumi's Python language host runs this directory as a plugin (``PulumiPlugin.yaml``):
``python <path>/pulumi_metafinops ENGINE_ADDRESS``. Run that way, the directory itself is on
``sys.path`` instead of its parent; that is put right before anything is imported.
"""

import os
import sys

if not __package__:  # run as a directory, not as a module of the installed package
    _here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]
    sys.path.insert(0, os.path.dirname(_here))

from pulumi_metafinops.plugin.__main__ import main

main()
