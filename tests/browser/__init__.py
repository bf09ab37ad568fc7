"""Tests of the built site: its HTML, and the site in a real browser."""
