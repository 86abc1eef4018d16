"""Screens: one module per section, plus the home screen and the dialogs."""
