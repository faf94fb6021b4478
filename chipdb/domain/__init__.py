"""The vocabulary of the domain, with no database: qualifiers, units, dates and numbers, typed errors,
the records the resolver works on, the resolver and its lineage, and what a claim may say."""
