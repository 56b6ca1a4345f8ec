"""``python -m policyvc``: the same entry point as the ``policyvc`` script."""

from policyvc.cli import main

if __name__ == "__main__":
    main()
