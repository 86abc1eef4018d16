"""The core: the domain's records, rules and operations. No Textual, no I/O of its own."""
