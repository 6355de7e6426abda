"""``python -m mgi`` runs the command line."""

from mgi.cli import main

if __name__ == "__main__":
    main()
