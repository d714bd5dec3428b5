"""reportkit's default narrative templates, shipped as the package ``reportkit.templates``."""
