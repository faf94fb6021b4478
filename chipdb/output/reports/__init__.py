"""Report builders: one function per command turns a service's result into a ``registry.Report``:
one stream of records, the columns the human table shows them by (readable values), the columns
of the machine table (CSV, SI values) and each record's JSON object, so that a record is written
once and every registered renderer reads the same stream. A result that is a tree (a lineage, a
ratio) adds its JSON document; a claim its JSON-LD; a comparison its chart."""
