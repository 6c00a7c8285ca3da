"""Screens: read the text of screenshots (OCR) and the transaction facts on them."""
