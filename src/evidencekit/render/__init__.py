"""The dossier's pages, drawn with reportlab (text and layout only; images and
imported PDF pages are placed later by the assembler into the slots recorded here)."""
