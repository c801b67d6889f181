"""Database layer: typed tables (:mod:`.models`), engine set-up (:mod:`.engine`), migrations."""
