"""Stage implementations: readers per format (extractors.readers) and one module per kind of fact."""
