"""Documents as output: preview, printing, rendering, format templates and rule parameters."""
