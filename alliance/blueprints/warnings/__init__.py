"""Early warnings: an organisation's and an alliance's lists, acknowledging, IPC watches."""
