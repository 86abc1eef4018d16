"""The command line: argparse, exit codes and messages for every subcommand."""
