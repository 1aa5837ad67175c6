"""The offline (rules) extractor and its parts: check-worthy sentences, attribution, predicates, POS-tagged names."""
