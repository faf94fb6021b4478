"""Claims: checking a stated ratio, the stored claims, and claims read from free text."""
