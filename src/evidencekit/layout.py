"""The dossier's layout: the names writers and readers of a dossier both rely on.

The assembler writes these; verify, extract and check read them. Both import this
module, neither imports the other (as pyHanko's signers and validators share
``sign/general.py``).
"""

from __future__ import annotations

#: The case description: its file name in an evidence folder, and its attachment's name.
CASE_NAME = "case.toml"
#: The manifest's attachment name; the SHA-256 of its bytes is the dossier id.
MANIFEST_NAME = "manifest.json"
#: The catalog key of the dossier marker: ``<< /Id (dossier id) /Schema … /Manifest … >>``.
DOSSIER_KEY = "/EvidencekitDossier"
#: The seal's signature field.
SEAL_FIELD = "evidencekit-seal"
MANIFEST_SCHEMA = "evidencekit/manifest/1"
#: A public copy (issue 12): its catalog key, and manifest schema (its seal is in the same field). Its items are
#: the renditions it shows; each names the sealed original it was made from.
PUBLIC_KEY = "/EvidencekitPublic"
PUBLIC_SCHEMA = "evidencekit/public/1"
