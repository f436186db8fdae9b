"""FieldApp: offline field-data tool for the e-ID and social-security campaign."""

__version__ = "0.1.0"
