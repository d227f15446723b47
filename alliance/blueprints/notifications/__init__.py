"""Notifications: the list of what one was told, and one's email preferences."""
