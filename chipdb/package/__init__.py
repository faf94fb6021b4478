"""The data package: its CSV format, validation, the one-transaction load, export, the shipped seeds
and first-use setup."""
