"""Thin wrappers over kernel interfaces that Python's os module lacks:
System V IPC (sysv) and process accounting records (acct)."""
