"""The Python front door: ``chipdb.Database`` (in ``database``) and its records (in ``records``).

Importing this package imports nothing heavy; the records are plain frozen dataclasses, and the
handle imports SQLAlchemy when it is first used.
"""
