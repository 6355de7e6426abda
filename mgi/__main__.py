"""``python -m mgi`` runs the command line."""

from mgi.cli import entry

if __name__ == "__main__":
    entry()
