"""Collaboration-network pages, their JSON data and exports (blueprint ``network``)."""
