"""Documents about a participant (CV, certificates, medical certificates, signed forms)."""
