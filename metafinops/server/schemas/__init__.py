"""Wire schemas: per entity a Create, an Update and a Public model, plus the envelope."""
