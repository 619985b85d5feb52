"""The command-line interface: option parsing and wiring only; the work is done by the API."""
