"""Signed packets: identity, the pack wizard, verify, trust list, receive, subordinates, drives."""
