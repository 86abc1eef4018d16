"""The journal as documents to share or archive: Markdown. Returns strings; no argparse."""
