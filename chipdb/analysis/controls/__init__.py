"""Export controls (ECCN 3A090): the pure TPP/PD model and the rules read from the database."""
