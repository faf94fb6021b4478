"""Report builders: one function per command turns a service's result into a ``render.Report``
(the human table, the machine table, the JSON document, JSON-LD, a chart), so that every
command's output is built in one place and any registered renderer can write it."""
