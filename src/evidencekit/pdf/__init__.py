"""Low-level PDF writing: a streaming writer, image XObjects, imported pages."""
