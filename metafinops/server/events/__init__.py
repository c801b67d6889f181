"""The event engine and webhook deliveries of the local API server.

- :mod:`.engine`: evaluate budgets and alert policies (after each ingestion, on a tick);
- :mod:`.budgets`, :mod:`.detectors`: what raises an event; :mod:`.routing`: who hears it;
- :mod:`.outbox`: recording events and their pending deliveries;
- :mod:`.delivery`: the worker that signs (:mod:`.signing`) and sends them to allowed
  destinations (:mod:`.destinations`), with retries and a delivery log.
"""
