"""Text: decoding bytes, repairing mojibake, cleaning HTML and furniture, chunking, near-duplicates, files to articles."""
