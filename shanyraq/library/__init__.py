"""Records, copies, MARC import/export, OPAC, circulation, holds."""
