"""Collaboration-network analysis. No Flask and no database session here: functions take
plain records (dataclasses) or files and return networkx graphs and plain results, so they
run and are tested without an app."""
